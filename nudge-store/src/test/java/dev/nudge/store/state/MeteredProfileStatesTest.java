package dev.nudge.store.state;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static dev.nudge.store.state.States.T0;
import static dev.nudge.store.state.States.ordered;
import static org.assertj.core.api.Assertions.assertThat;

class MeteredProfileStatesTest {
    @Test
    void everyCall_isObserved_andPassedThrough() {
        InMemoryProfileStates memory = new InMemoryProfileStates();
        MeteredProfileStates m = new MeteredProfileStates(memory);
        List<String> seen = new ArrayList<>();
        m.observe(new StateObserver() {
            @Override
            public void got(boolean found, long nanos) {
                seen.add("get " + found + (nanos >= 0 ? "" : " negative"));
            }

            @Override
            public void put(long nanos) {
                seen.add("put");
            }

            @Override
            public void deleted(long nanos) {
                seen.add("delete");
            }
        });
        m.get("ann");
        m.put(ordered("ann", 1, T0));
        m.get("ann");
        m.delete("ann");
        assertThat(seen).containsExactly("get false", "put", "get true", "delete");
        assertThat(memory.gets).isEqualTo(2);
        assertThat(memory.puts).isEqualTo(1);
        assertThat(memory.deletes).isEqualTo(1);
    }
}
