package dev.nudge.core.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataRequirementsTest {

    @Test
    void enoughData_hasNoProblems() {
        List<CustomerSummary> c = new ArrayList<>();
        for (int i = 0; i < 100; i++) c.add(new CustomerSummary("c" + i, i % 2, i % 2 == 0 ? 0 : 10, 20, 0));
        assertThat(DataRequirements.defaults().problems(c)).isEmpty();
    }

    @Test
    void fewRepeatBuyersAndShortHistory_areEachExplained() {
        List<CustomerSummary> c = new ArrayList<>();
        for (int i = 0; i < 150; i++) c.add(new CustomerSummary("c" + i, i < 3 ? 1 : 0, i < 3 ? 1 : 0, 4, 0));
        List<String> problems = DataRequirements.defaults().problems(c);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("only 3 repeat buyers").contains("drop out");
        assertThat(problems.get(1)).contains("4.0 weeks").contains("calibration end");
        assertThatThrownBy(() -> BgNbdFit.fit(c, DataRequirements.defaults()))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("repeat buyers");
    }
}
