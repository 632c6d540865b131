package dev.nudge.server.cli.intel;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nudge predict fit FILE --calibration-end DATE}: the fitted parameters and log-likelihoods. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Print the maximum-likelihood BG/NBD (r, alpha, a, b) and Gamma-Gamma (p, q, gamma) parameters.")
public final class PredictFitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelInput model;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelInput.Fitted f = model.fit();
        Map<String, Object> doc = ModelInput.parameters(f, model.calibrationEnd);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(doc));
        } else {
            out.printf(java.util.Locale.ROOT, "BG/NBD on %d customers (%d repeat buyers), calibration end %s%n",
                    doc.get("customers"), doc.get("repeat_buyers"), model.calibrationEnd);
            out.printf(java.util.Locale.ROOT, "  r = %.4f  alpha = %.4f  a = %.4f  b = %.4f  log-likelihood = %.4f%n",
                    doc.get("r"), doc.get("alpha"), doc.get("a"), doc.get("b"), doc.get("log_likelihood"));
            if (f.spend() != null) {
                out.printf(java.util.Locale.ROOT, "Gamma-Gamma on %d repeat buyers%n  p = %.4f  q = %.4f  gamma = %.4f  log-likelihood = %.4f%n",
                        f.spend().customers(), f.spend().params().p(), f.spend().params().q(), f.spend().params().gamma(),
                        f.spend().logLikelihood());
            } else {
                out.println("Gamma-Gamma not fitted: " + String.join("; ", f.spendProblems()));
            }
        }
        out.flush();
        return 0;
    }
}
