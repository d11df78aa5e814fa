package dev.imagerestore.it.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskManagerResourcesTest {

    private static final String PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    @Test
    void theTwoResultLinesAreFoundAmongLogLinesAndSplitIntoArguments() {
        List<String> output = List.of(
                "10:00:00,000 INFO  [main] BashJavaUtils - Final TaskExecutor Memory configuration:",
                PREFIX + "-Xmx301989888 -Xms301989888 -XX:MaxDirectMemorySize=380633088 -XX:MaxMetaspaceSize=268435456",
                PREFIX + "-D taskmanager.memory.network.min=112197632b -D taskmanager.cpu.cores=2.0 ");

        TaskManagerResources resources = TaskManagerResources.parse(output);

        assertThat(resources.jvmFlags())
                .containsExactly(
                        "-Xmx301989888",
                        "-Xms301989888",
                        "-XX:MaxDirectMemorySize=380633088",
                        "-XX:MaxMetaspaceSize=268435456");
        assertThat(resources.dynamicProperties())
                .containsExactly("-D", "taskmanager.memory.network.min=112197632b", "-D", "taskmanager.cpu.cores=2.0");
    }

    @Test
    void outputWithoutBothResultLinesIsRejectedWithWhatWasSeen() {
        List<String> output =
                List.of("Exception in thread \"main\" IllegalConfigurationException: no memory", PREFIX + "-Xmx1");

        assertThatThrownBy(() -> TaskManagerResources.parse(output))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found 1")
                .hasMessageContaining("IllegalConfigurationException");
    }
}
