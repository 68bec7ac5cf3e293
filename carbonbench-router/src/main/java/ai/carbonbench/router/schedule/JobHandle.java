package ai.carbonbench.router.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A job submitted to a {@link CarbonScheduler}: its id, its current plan, its state and a future that completes
 * with its {@link JobOutcome} (or the runner's exception, a {@link DeadlineMissedException}, or cancellation).
 * Thread-safe.
 *
 * @param <R> the result type
 */
public final class JobHandle<R> {

    /** Where a job is in its life. */
    public enum State { PENDING, RUNNING, SUCCEEDED, FAILED, MISSED, CANCELLED }

    private final String id;
    private final Instant deadline;
    private final CompletableFuture<JobOutcome<R>> future = new CompletableFuture<>();
    private volatile JobPlan plan;
    private volatile State state = State.PENDING;
    private final CarbonScheduler<?, R> scheduler;

    JobHandle(String id, Instant deadline, JobPlan plan, CarbonScheduler<?, R> scheduler) {
        this.id = Objects.requireNonNull(id, "id");
        this.deadline = deadline;
        this.plan = plan;
        this.scheduler = scheduler;
    }

    public String id() {
        return id;
    }

    public Instant deadline() {
        return deadline;
    }

    /** The current plan; it changes when a new forecast moves the best window. */
    public JobPlan plan() {
        return plan;
    }

    public State state() {
        return state;
    }

    /** Completes with the outcome when the job has run. */
    public CompletableFuture<JobOutcome<R>> future() {
        return future;
    }

    /** Cancels the job if it has not started; returns whether it was cancelled. */
    public boolean cancel() {
        return scheduler.cancel(this);
    }

    void plan(JobPlan p) {
        this.plan = p;
    }

    void state(State s) {
        this.state = s;
    }

    @Override
    public String toString() {
        JobPlan p = plan;
        return "JobHandle[" + id + ", " + state + ", " + p.endpoint() + " at " + p.start() + ", deadline " + deadline
                + "]";
    }
}
