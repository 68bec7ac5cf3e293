package ai.carbonbench.router.schedule;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.WindowChoice;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.UsageExtractor;
import ai.carbonbench.router.budget.BudgetExceededException;
import ai.carbonbench.router.budget.BudgetUsage;
import ai.carbonbench.router.budget.CarbonBudget;
import ai.carbonbench.router.state.StateStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deferrable work (nightly summaries, embedding back-fills, evaluation runs) at the cleanest time and
 * place before its deadline.
 *
 * <pre>{@code
 * CarbonScheduler<Backfill, Report> scheduler = CarbonScheduler.builder(carbonBench, Backfill.class,
 *                 (job, endpoint) -> backfill(job, clients.get(endpoint)))
 *         .store(StateStore.directory(Path.of("state")))
 *         .build();
 * scheduler.start();
 * JobHandle<Report> h = scheduler.submit(new Backfill("docs-2026-12"), Duration.ofHours(2),
 *         Instant.now().plus(Duration.ofHours(20)), List.of(euNorth, usEast));
 * h.future().thenAccept(o -> log.info("{} g avoided", o.gramsAvoided()));
 * }</pre>
 *
 * <p><b>Planning.</b> A job is planned with {@link CarbonBench#bestWindow(Collection, Duration, Instant)} over
 * its candidates: hourly starts from now, the live forecast where the CarbonBench's grid source has
 * one and the typical daily profile otherwise. At every {@link #tick()}
 * (the background timer calls it every re-plan interval, default 15 minutes, and at each planned start; call it
 * yourself after a forecast refresh) pending jobs are re-planned from the latest data: the plan moves when
 * another window is now strictly cleaner than the planned one, re-evaluated on the same data.
 *
 * <p><b>Deadlines.</b> A job never starts after {@code deadline − expectedDuration} (its latest start). So that
 * a timer a little late still starts a job planned at its latest start, the timer wakes, and a job counts as due,
 * a little before its planned start ({@linkplain Builder#startEarly(Duration) start early}, default 5 seconds).
 * If the scheduler only gets to a job after its latest start (the process was down), the job is not started and
 * its future fails with {@link DeadlineMissedException}.
 *
 * <p><b>Restarts.</b> Each pending job (its id, the caller's descriptor serialised with Jackson, duration,
 * deadline, candidates and plan) is written to the {@link StateStore} when submitted and re-planned, and removed
 * when it completes. A scheduler built on the same store and name picks the pending jobs up again
 * ({@link #jobs()}); their new handles' futures complete when they run. A job that was running when the process
 * died is run again: at-least-once.
 *
 * <p><b>Budgets.</b> With {@link Builder#budget(CarbonBudget, Function)}, a job whose budget key has spent its
 * budget is not started: it waits for the budget's reset (if it can still finish by its deadline; otherwise its
 * future fails with {@link BudgetExceededException}), and its grams are counted in the budget when it ends.
 *
 * <p>Thread-safe. Jobs run on the executor given (default: a cached pool of daemon threads owned by the
 * scheduler); {@link #close()} stops the timer and that pool, leaving pending jobs in the store.
 *
 * @param <D> the job descriptor: plain data Jackson can write and read back
 * @param <R> the job result
 */
public final class CarbonScheduler<D, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonScheduler.class);

    private final CarbonBench carbonBench;
    private final Class<D> descriptorType;
    private final JobRunner<D, R> runner;
    private final UsageExtractor<? super R> usage;
    private final StateStore store;
    private final String namespace;
    private final Clock clock;
    private final Executor executor;
    private final @Nullable ExecutorService ownExecutor;
    private final Duration replanInterval;
    private final Duration startEarly;
    private final @Nullable CarbonBudget budget;
    private final @Nullable Function<? super D, String> budgetKey;
    private final ObjectMapper json;
    private final Map<String, Job<D, R>> jobs = new ConcurrentHashMap<>();
    private @Nullable ScheduledExecutorService timer;
    private @Nullable ScheduledFuture<?> wake;

    private CarbonScheduler(Builder<D, R> b) {
        this.carbonBench = b.carbonBench;
        this.descriptorType = b.descriptorType;
        this.runner = b.runner;
        this.usage = b.usage;
        this.store = b.store;
        this.namespace = "scheduler/" + b.name;
        this.clock = b.carbonBench.clock();
        this.ownExecutor = b.executor == null ? Executors.newCachedThreadPool(daemon("carbonbench-scheduler-job"))
                : null;
        this.executor = b.executor != null ? b.executor : ownExecutor;
        this.replanInterval = b.replanInterval;
        this.startEarly = b.startEarly;
        this.budget = b.budget;
        this.budgetKey = b.budgetKey;
        this.json = b.objectMapper != null ? b.objectMapper : new ObjectMapper();
        restore();
    }

    /**
     * A builder for a scheduler running jobs described by {@code descriptorType} with {@code runner}.
     *
     * @param carbonBench    scores the candidates; its clock is the scheduler's
     * @param descriptorType the descriptor class, for reading pending jobs back after a restart
     * @param runner         runs a job when it starts
     */
    public static <D, R> Builder<D, R> builder(CarbonBench carbonBench, Class<D> descriptorType,
            JobRunner<D, R> runner) {
        return new Builder<>(carbonBench, descriptorType, runner);
    }

    /**
     * The plan a job would get if submitted now, without submitting it (e.g. for a dry run).
     *
     * @throws IllegalArgumentException when the job cannot finish by the deadline, the deadline is more than 14
     *                                  days ahead, or there is no candidate
     */
    public JobPlan plan(Duration expectedDuration, Instant deadline, Collection<OfferingKey> candidates) {
        return JobPlan.of(carbonBench, expectedDuration, deadline, candidates);
    }

    /**
     * Submits a job: plans it, persists it, and starts it at once if now is its best time.
     *
     * @param job              the caller's descriptor of the work (data, not code), passed to the runner
     * @param expectedDuration how long the job runs
     * @param deadline         when it must have finished
     * @param candidates       the offerings it may run on
     * @throws IllegalArgumentException as {@link #plan(Duration, Instant, Collection)}
     */
    public JobHandle<R> submit(D job, Duration expectedDuration, Instant deadline, Collection<OfferingKey> candidates) {
        Objects.requireNonNull(job, "job");
        JobPlan plan = plan(expectedDuration, deadline, candidates);
        Job<D, R> j = new Job<>(job, json.valueToTree(job), expectedDuration, List.copyOf(candidates), clock.instant(),
                new JobHandle<>(UUID.randomUUID().toString(), deadline, plan, this));
        jobs.put(j.id(), j);
        persist(j);
        LOG.info("Job {} planned on {} at {} ({} g/Mtok against {} now; deadline {})", j.id(), plan.endpoint(),
                plan.start(), round(plan.meanGramsPerMillionTokens()), round(plan.submissionGramsPerMillionTokens()),
                deadline);
        tick();
        return j.handle();
    }

    /** Handles of the jobs pending or running, earliest planned start first. */
    public List<JobHandle<R>> jobs() {
        return jobs.values().stream().map(Job::handle)
                .sorted(Comparator.comparing((JobHandle<R> h) -> h.plan().start()).thenComparing(JobHandle::id))
                .toList();
    }

    /** The handle of a job pending or running. */
    public Optional<JobHandle<R>> job(String id) {
        Job<D, R> j = jobs.get(Objects.requireNonNull(id, "id"));
        return j == null ? Optional.empty() : Optional.of(j.handle());
    }

    /**
     * Starts due jobs, fails those past their latest start, and re-plans the rest from the latest intensities.
     * The background timer calls it; call it after a forecast refresh to re-plan at once.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (Job<D, R> j : List.copyOf(jobs.values())) {
            if (j.handle().state() == JobHandle.State.PENDING) {
                try {
                    step(j, now);
                } catch (RuntimeException e) {
                    LOG.warn("Job {}: re-planning failed; keeping its plan", j.id(), e);
                }
            }
        }
        scheduleWake(now);
    }

    private void step(Job<D, R> j, Instant now) {
        JobPlan p = j.handle().plan();
        if (now.isAfter(p.latestStart())) {
            finish(j, JobHandle.State.MISSED, null, new DeadlineMissedException("Job " + j.id() + " of "
                    + j.duration() + " could no longer finish by its deadline " + j.deadline() + " at " + now
                    + "; it was not started"));
            return;
        }
        if (!now.isBefore(p.start().minus(startEarly))) {
            if (budgetAllows(j, now)) {
                run(j, now);
            }
            return;
        }
        WindowChoice w = carbonBench.bestWindow(j.candidates(), j.duration(), j.deadline());
        WindowChoice.Window best = w.best();
        // the planned window re-evaluated on the same data, averaged as the search averages
        WindowChoice.Window current = carbonBench.window(p.endpoint(), p.start(), j.duration());
        double mean = current.meanGramsPerMillionTokens();
        boolean moved = best.meanGramsPerMillionTokens() < mean - 1e-9 * Math.max(1, mean);
        JobPlan next = moved
                ? p.replanned(best.endpoint(), best.start(), best.meanGramsPerMillionTokens(), best.provenance(), true)
                : p.replanned(p.endpoint(), p.start(), mean, current.provenance(), false);
        j.handle().plan(next);
        if (moved) {
            LOG.info("Job {} re-planned: {} at {} ({} g/Mtok) instead of {} at {} ({} g/Mtok)", j.id(), next.endpoint(),
                    next.start(), round(next.meanGramsPerMillionTokens()), p.endpoint(), p.start(),
                    round(mean));
            persist(j);
        }
        if (!now.isBefore(next.start().minus(startEarly)) && budgetAllows(j, now)) {
            run(j, now);
        }
    }

    private boolean budgetAllows(Job<D, R> j, Instant now) {
        if (budget == null) {
            return true;
        }
        BudgetUsage u = budget.usage(budgetKey.apply(j.descriptor()));
        if (!u.exhausted()) {
            return true;
        }
        JobPlan p = j.handle().plan();
        if (u.resetAt().isAfter(p.latestStart())) {
            finish(j, JobHandle.State.FAILED, null, new BudgetExceededException("Carbon " + u + "; job " + j.id()
                    + " cannot wait for the reset and still finish by " + j.deadline(), u, false, null));
            return false;
        }
        LOG.info("Job {} waits for its budget to reset at {}", j.id(), u.resetAt());
        j.handle().plan(p.replanned(p.endpoint(), u.resetAt(), p.meanGramsPerMillionTokens(), p.provenance(), true));
        persist(j);
        return false;
    }

    private void run(Job<D, R> j, Instant now) {
        j.handle().state(JobHandle.State.RUNNING);
        JobPlan p = j.handle().plan();
        LOG.info("Job {} starts on {} at {}", j.id(), p.endpoint(), now);
        executor.execute(() -> {
            R result;
            try {
                result = runner.run(j.descriptor(), p.endpoint());
            } catch (Throwable t) {
                finish(j, JobHandle.State.FAILED, null, t);
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            Usage u = UsageExtractor.usageOrNone(usage, result, "job " + j.id());
            double tokens = u.inputTokens() + u.outputTokens();
            double grams = p.meanGramsPerMillionTokens() * tokens / 1e6;
            double atSubmission = p.submissionGramsPerMillionTokens() * tokens / 1e6;
            if (budget != null) {
                budget.record(budgetKey.apply(j.descriptor()), EmissionsLedger.micrograms(grams), now);
            }
            finish(j, JobHandle.State.SUCCEEDED, new JobOutcome<>(j.id(), result, p.endpoint(), now, u, grams,
                    atSubmission, p), null);
        });
    }

    private void finish(Job<D, R> j, JobHandle.State state, @Nullable JobOutcome<R> outcome, @Nullable Throwable failure) {
        jobs.remove(j.id());
        try {
            store.remove(namespace, j.id());
        } catch (RuntimeException e) {
            LOG.warn("Job {}: could not remove it from {}; it may run again after a restart", j.id(), store, e);
        }
        j.handle().state(state);
        if (failure == null) {
            j.handle().future().complete(outcome);
        } else {
            if (state != JobHandle.State.FAILED || !(failure instanceof BudgetExceededException)) {
                LOG.warn("Job {} {}: {}", j.id(), state == JobHandle.State.MISSED ? "missed its deadline" : "failed",
                        failure.toString());
            }
            j.handle().future().completeExceptionally(failure);
        }
    }

    synchronized boolean cancel(JobHandle<R> handle) {
        Job<D, R> j = jobs.get(handle.id());
        if (j == null || handle.state() != JobHandle.State.PENDING) {
            return false;
        }
        jobs.remove(j.id());
        store.remove(namespace, j.id());
        handle.state(JobHandle.State.CANCELLED);
        handle.future().cancel(false);
        return true;
    }

    /**
     * Starts the background timer: {@link #tick()} at every re-plan interval and at each planned start. Without
     * it, nothing runs unless the caller ticks (as tests do with a fake clock). Idempotent.
     */
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(daemon("carbonbench-scheduler"));
            scheduleWake(clock.instant());
        }
    }

    private void scheduleWake(Instant now) {
        if (timer == null) {
            return;
        }
        Instant next = now.plus(replanInterval);
        for (Job<D, R> j : jobs.values()) {
            Instant due = j.handle().plan().start().minus(startEarly);
            if (j.handle().state() == JobHandle.State.PENDING && due.isBefore(next)) {
                next = due;
            }
        }
        if (wake != null) {
            wake.cancel(false);
        }
        long delay = Math.max(0, Duration.between(now, next).toMillis());
        wake = timer.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer and the scheduler's own job threads; pending jobs stay in the store. Idempotent. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    // ---- persistence ------------------------------------------------------------------------------------

    private void persist(Job<D, R> j) {
        ObjectNode root = json.createObjectNode();
        root.put("id", j.id());
        root.set("descriptor", j.descriptorJson());
        root.put("expectedDuration", j.duration().toString());
        root.put("deadline", j.deadline().toString());
        root.put("submittedAt", j.submittedAt().toString());
        ArrayNode c = root.putArray("candidates");
        j.candidates().forEach(k -> c.add(key(k)));
        JobPlan p = j.handle().plan();
        ObjectNode plan = root.putObject("plan");
        plan.set("endpoint", key(p.endpoint()));
        plan.put("start", p.start().toString());
        plan.put("meanGramsPerMillionTokens", p.meanGramsPerMillionTokens());
        plan.put("provenance", p.provenance().name());
        plan.set("submissionEndpoint", key(p.submissionEndpoint()));
        plan.put("submissionGramsPerMillionTokens", p.submissionGramsPerMillionTokens());
        plan.put("replans", p.replans());
        try {
            store.put(namespace, j.id(), root.toString());
        } catch (RuntimeException e) {
            LOG.warn("Job {}: could not persist it to {}; it will not survive a restart", j.id(), store, e);
        }
    }

    private ObjectNode key(OfferingKey k) {
        ObjectNode n = json.createObjectNode();
        n.put("provider", k.provider());
        n.put("region", k.region());
        n.put("model", k.model());
        return n;
    }

    private static OfferingKey key(JsonNode n) {
        return OfferingKey.of(n.path("provider").asText(), n.path("region").asText(), n.path("model").asText());
    }

    private void restore() {
        Map<String, String> docs = store.load(namespace);
        for (Map.Entry<String, String> e : docs.entrySet()) {
            try {
                JsonNode root = json.readTree(e.getValue());
                JsonNode descriptor = root.path("descriptor");
                List<OfferingKey> candidates = new ArrayList<>();
                root.path("candidates").forEach(n -> candidates.add(key(n)));
                Duration duration = Duration.parse(root.path("expectedDuration").asText());
                Instant deadline = Instant.parse(root.path("deadline").asText());
                JsonNode p = root.path("plan");
                JobPlan plan = new JobPlan(key(p.path("endpoint")), Instant.parse(p.path("start").asText()),
                        deadline.minus(duration), p.path("meanGramsPerMillionTokens").asDouble(),
                        Provenance.valueOf(p.path("provenance").asText()), key(p.path("submissionEndpoint")),
                        p.path("submissionGramsPerMillionTokens").asDouble(), p.path("replans").asInt());
                Job<D, R> j = new Job<>(json.treeToValue(descriptor, descriptorType), descriptor, duration,
                        List.copyOf(candidates), Instant.parse(root.path("submittedAt").asText()),
                        new JobHandle<>(e.getKey(), deadline, plan, this));
                jobs.put(j.id(), j);
            } catch (Exception ex) {
                throw new CarbonBenchException("Scheduler '" + namespace + "': cannot restore job '" + e.getKey()
                        + "' from " + store + ": " + ex.getMessage(), false, ex);
            }
        }
        if (!docs.isEmpty()) {
            LOG.info("Scheduler '{}' restored {} pending job(s) from {}", namespace, docs.size(), store);
        }
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "CarbonScheduler[" + namespace + ", " + jobs.size() + " pending or running]";
    }

    /** One job as the scheduler keeps it: what was submitted, and the handle (id, deadline, plan, state). */
    private record Job<D, R>(D descriptor, JsonNode descriptorJson, Duration duration, List<OfferingKey> candidates,
            Instant submittedAt, JobHandle<R> handle) {

        String id() {
            return handle.id();
        }

        Instant deadline() {
            return handle.deadline();
        }
    }

    /**
     * Builds a {@link CarbonScheduler}. Not thread-safe. Its clock is the CarbonBench's. Defaults: name
     * {@code default}, an in-memory store, no usage extractor (jobs count no tokens), a private pool of daemon
     * threads, re-plan every 15 minutes, start 5 seconds early, no budget, a plain Jackson {@code ObjectMapper}.
     */
    public static final class Builder<D, R> {
        private final CarbonBench carbonBench;
        private final Class<D> descriptorType;
        private final JobRunner<D, R> runner;
        private UsageExtractor<? super R> usage = UsageExtractor.none();
        private StateStore store = StateStore.inMemory();
        private String name = "default";
        private @Nullable Executor executor;
        private Duration replanInterval = Duration.ofMinutes(15);
        private Duration startEarly = Duration.ofSeconds(5);
        private @Nullable CarbonBudget budget;
        private @Nullable Function<? super D, String> budgetKey;
        private @Nullable ObjectMapper objectMapper;

        private Builder(CarbonBench carbonBench, Class<D> descriptorType, JobRunner<D, R> runner) {
            this.carbonBench = Objects.requireNonNull(carbonBench, "carbonBench");
            this.descriptorType = Objects.requireNonNull(descriptorType, "descriptorType");
            this.runner = Objects.requireNonNull(runner, "runner");
        }

        /** The name pending jobs are stored under; schedulers sharing a store need distinct names. */
        public Builder<D, R> name(String name) {
            Checks.notBlank("name", name);
            this.name = name.trim();
            return this;
        }

        /** Reads a job's tokens from its result, for its grams. */
        public Builder<D, R> usage(UsageExtractor<? super R> usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        public Builder<D, R> store(StateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where jobs run, e.g. {@code Runnable::run} in tests. */
        public Builder<D, R> executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How often the background timer re-plans pending jobs; at least 1 second. */
        public Builder<D, R> replanInterval(Duration interval) {
            if (Objects.requireNonNull(interval, "interval").toSeconds() < 1) {
                throw new IllegalArgumentException("replanInterval must be at least 1 s, was " + interval);
            }
            this.replanInterval = interval;
            return this;
        }

        /**
         * How long before its planned start a job counts as due, so that a timer a little late still starts a job
         * planned at its latest start; zero to one minute, default 5 seconds.
         */
        public Builder<D, R> startEarly(Duration early) {
            if (Objects.requireNonNull(early, "early").isNegative() || early.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("startEarly must be between 0 and 1 minute, was " + early);
            }
            this.startEarly = early;
            return this;
        }

        /** Charges each job's grams to {@code budget} under the key {@code keyOf} gives its descriptor. */
        public Builder<D, R> budget(CarbonBudget budget, Function<? super D, String> keyOf) {
            this.budget = Objects.requireNonNull(budget, "budget");
            this.budgetKey = Objects.requireNonNull(keyOf, "keyOf");
            return this;
        }

        /** The mapper that writes and reads descriptors (e.g. one with the java.time module). */
        public Builder<D, R> objectMapper(ObjectMapper mapper) {
            this.objectMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Builds the scheduler, restoring the pending jobs stored under its name.
         *
         * @throws CarbonBenchException when a stored job cannot be read back
         */
        public CarbonScheduler<D, R> build() {
            return new CarbonScheduler<>(this);
        }
    }
}
