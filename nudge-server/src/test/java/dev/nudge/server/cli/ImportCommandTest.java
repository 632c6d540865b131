package dev.nudge.server.cli;

import dev.nudge.server.support.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nudge import} as a script sees it: the exit code and what it prints. */
class ImportCommandTest {
    @TempDir Path dir;

    private Cli importCsv(Path csv) {
        return Cli.run("import", csv.toString(), "--data", dir.resolve("data").toString(), "--event", "Signed Up", "--user-id", "user");
    }

    @Test
    void import_withRejectedRows_exitsThree_andSaysHowManyOfHowMany() throws Exception {
        Path csv = dir.resolve("signups.csv");
        Files.writeString(csv, "user,plan\nu1,free\n,free\nu3,pro\n");
        Cli r = importCsv(csv);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ImportCommand.SOME_REJECTED);
        assertThat(r.out()).contains("accepted   2", "missing_id");
        assertThat(r.err()).contains("1 of 3 records were rejected", "import again");
    }

    @Test
    void import_everyRowStored_exitsZero_alsoWhenRunAgain() throws Exception {
        Path csv = dir.resolve("signups.csv");
        Files.writeString(csv, "user,plan\nu1,free\nu2,pro\n");
        Cli first = importCsv(csv);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).doesNotContain("rejected");
        Cli again = importCsv(csv);
        assertThat(again.exitCode()).as("duplicates are not rejections").isZero();
        assertThat(again.out()).contains("duplicates 2");
    }
}
