package ai.carbonbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget, scheduler and leaner-answers examples run offline and print what they promise. */
final class FeatureExamplesTest {

    @TempDir
    Path dir;

    private static String capture(ThrowingRunnable r) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        old.print(out);
        return out;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void the_budget_example_refuses_the_overspending_call_and_continues_after_a_restart() throws Exception {
        String first = capture(() -> BudgetExample.main(new String[] {dir.toString()}));
        assertThat(first).contains("refused: Carbon budget 'tenant-monthly'").contains("key,period_start");
        String second = capture(() -> BudgetExample.main(new String[] {dir.toString()}));
        assertThat(second).contains("Call 1 refused"); // the month's budget was already spent
    }

    @Test
    void the_scheduler_example_plans_a_job_and_finds_it_after_a_restart() throws Exception {
        String out = capture(() -> SchedulerExample.main(new String[] {dir.toString()}));
        assertThat(out).contains("latest start");
        assertThat(out.contains("After a restart: JobHandle[") || out.contains("The job already ran")).isTrue();
    }

    @Test
    void the_leaner_answers_example_records_its_decision_on_the_receipt() throws Exception {
        String out = capture(() -> LeanerAnswersExample.main(new String[0]));
        assertThat(out).contains("Leaner-answer decision: aws-bedrock/us-east-1/gpt-oss-120b");
    }
}
