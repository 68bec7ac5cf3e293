package ai.carbonbench.router.budget;

import ai.carbonbench.core.score.Score;
import ai.carbonbench.router.CallFunction;
import ai.carbonbench.router.CallGuard;
import ai.carbonbench.router.CallRecord;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.NoEndpointAvailableException;
import ai.carbonbench.router.UsageExtractor;
import ai.carbonbench.router.report.EmissionsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CarbonRouter} whose calls are charged to {@link CarbonBudget}s: each call names a key
 * ({@link BudgetedCall}), every budget reserves grams for it before each attempt and settles the recorded
 * grams after, and a budget with no room applies its {@link OverBudget} action.
 *
 * <pre>{@code
 * BudgetedRouter<ChatModel> budgeted = BudgetedRouter.of(router, dailyBudget, monthlyBudget);
 * ChatResponse r = budgeted.call(BudgetedCall.of("tenant-42").withEstimate(1_200, 512), m -> m.chat(req), usage)
 *         .result();
 * }</pre>
 *
 * <p><b>Models.</b> The requested model ({@link BudgetedCall#model()}, default the baseline endpoint's) is the
 * only one used while every budget has room. Endpoints serving other models are used only as substitutes,
 * when a budget with {@link OverBudget#substitute(SubstitutionPolicy)} has no room, its policy allows them and
 * the caller's {@link QualityFloor} accepts substitutes.
 *
 * <p><b>Order of checks.</b> Before the first attempt the call is sent to substitutes if the caller accepts
 * them and a substituting budget has no room for it on the requested model's best endpoint. Then, for each
 * endpoint the router would try in its rank order (only the requested model's, or only allowed substitutes),
 * every budget tries to reserve; if all have room, the attempt goes ahead. A budget without room decides:
 * reject or defer throws {@link BudgetExceededException} (releasing what other budgets reserved), as does a
 * substituting budget when the caller's quality floor keeps the requested model; a carbon cap admits only
 * endpoints at or under it, and a substitution only substitutes, reserving past the limit. When no endpoint
 * qualifies, {@link BudgetExceededException} (with the router's {@link NoEndpointAvailableException} as cause).
 *
 * <p>Thread-safe; shares the router's thread-safety and the budgets'.
 *
 * @param <C> the router's client type
 */
public final class BudgetedRouter<C> {

    private final CarbonRouter<C> router;
    private final List<CarbonBudget> budgets;
    private final String baselineModel;
    private final Optional<EmissionsReport> report;

    private BudgetedRouter(CarbonRouter<C> router, List<CarbonBudget> budgets, Optional<EmissionsReport> report) {
        this.router = router;
        this.budgets = budgets;
        this.baselineModel = router.endpoints().get(0).model();
        this.report = report;
    }

    /** Charges {@code router}'s calls to {@code budgets}, at least one, each with its own name. */
    public static <C> BudgetedRouter<C> of(CarbonRouter<C> router, CarbonBudget... budgets) {
        Objects.requireNonNull(router, "router");
        List<CarbonBudget> list = List.of(budgets);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("at least one budget is needed");
        }
        Set<String> names = new TreeSet<>();
        for (CarbonBudget b : list) {
            if (!names.add(b.name())) {
                throw new IllegalArgumentException("two budgets are named '" + b.name() + "'");
            }
        }
        return new BudgetedRouter<>(router, list, Optional.empty());
    }

    /**
     * This router, also counting every successful call under its key in {@code report}. The report must be made
     * for the boundary the router's CarbonBench scores at ({@code EmissionsReport.create(period, cb.boundary())}):
     * it refuses calls scored at another one.
     */
    public BudgetedRouter<C> withReport(EmissionsReport report) {
        return new BudgetedRouter<>(router, budgets, Optional.of(Objects.requireNonNull(report, "report")));
    }

    public CarbonRouter<C> router() {
        return router;
    }

    public List<CarbonBudget> budgets() {
        return budgets;
    }

    /**
     * Runs {@code fn} like {@link CarbonRouter#callRecorded(CallFunction, UsageExtractor)}, charged to
     * {@code call.key()} in every budget.
     *
     * @throws BudgetExceededException     when a budget refuses the call, or leaves no endpoint to make it on
     * @throws NoEndpointAvailableException as the router throws it, when the budgets skipped no endpoint
     */
    public <R> CarbonRouter.Recorded<R> call(BudgetedCall call, CallFunction<? super C, ? extends R> fn,
            UsageExtractor<? super R> usage) {
        Objects.requireNonNull(call, "call");
        Guard guard = new Guard(call);
        try {
            CarbonRouter.Recorded<R> recorded = router.callRecorded(fn, usage, guard);
            report.ifPresent(r -> r.record(call.key(), recorded.record()));
            return recorded;
        } catch (NoEndpointAvailableException e) {
            if (guard.refused == null) {
                if (guard.substituting && guard.refusedWhy != null) {
                    CarbonBudget b = budgets.stream().filter(x -> x.overBudget() instanceof OverBudget.Substitute)
                            .findFirst().orElseThrow();
                    throw BudgetExceededException.of(b.usage(call.key()), false, guard.refusedWhy, e);
                }
                throw e;
            }
            throw BudgetExceededException.of(guard.refused, false, guard.refusedWhy, e);
        }
    }

    @Override
    public String toString() {
        return "BudgetedRouter[" + router + ", " + budgets.stream().map(CarbonBudget::name).toList() + "]";
    }

    /** One call's guard: reserves in every budget before each attempt. */
    private final class Guard implements CallGuard {
        private final BudgetedCall call;
        private final String requested;
        /** Whether this call goes to substitutes: decided once, before the first attempt. */
        private final boolean substituting;
        /** The last budget that left an endpoint out, and why; written and read on the caller's thread. */
        @Nullable BudgetUsage refused;
        @Nullable String refusedWhy;

        Guard(BudgetedCall call) {
            this.call = call;
            this.requested = call.model().orElse(baselineModel);
            this.substituting = call.qualityFloor() == QualityFloor.SUBSTITUTES_ACCEPTABLE && requestedDoesNotFit();
        }

        /**
         * Whether a budget that substitutes has no room for the call on the requested model's best endpoint now.
         * Checked without reserving: the reservations made during the call decide what is counted.
         */
        private boolean requestedDoesNotFit() {
            Optional<Score> best;
            try {
                var d = router.select();
                best = java.util.stream.Stream.concat(java.util.stream.Stream.of(d.chosen()), d.fallbacks().stream())
                        .map(o -> o.score()).filter(sc -> sc.offering().model().id().equals(requested)).findFirst();
            } catch (NoEndpointAvailableException e) {
                return false; // the call will fail in the router and say why
            }
            for (CarbonBudget b : budgets) {
                if (b.overBudget() instanceof OverBudget.Substitute) {
                    BudgetUsage u = b.usage(call.key());
                    long need = best.map(sc -> b.reservationMicrograms(sc, call.estimate())).orElse(0L);
                    if (u.usedMicrograms() + u.reservedMicrograms() + need > u.limitMicrograms()) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean allowedSubstitute(String model) {
            for (CarbonBudget b : budgets) {
                if (b.overBudget() instanceof OverBudget.Substitute s && s.policy().allows(requested, model)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Optional<Permit> admit(Score score) {
            String model = score.offering().model().id();
            if (substituting ? !allowedSubstitute(model) : !model.equals(requested)) {
                if (substituting) {
                    refusedWhy = "no endpoint serving an allowed substitute for " + requested + " is available";
                }
                return Optional.empty();
            }
            List<CarbonBudget.Reservation> held = new ArrayList<>(budgets.size());
            for (CarbonBudget b : budgets) {
                long micrograms = b.reservationMicrograms(score, call.estimate());
                Optional<CarbonBudget.Reservation> r = b.tryReserve(call.key(), micrograms);
                if (r.isPresent()) {
                    held.add(r.get());
                    continue;
                }
                BudgetUsage u = b.usage(call.key());
                OverBudget action = b.overBudget();
                boolean ok;
                if (action instanceof OverBudget.CapCarbon cap) {
                    ok = score.gramsPerMillionTokens().central() <= cap.maxGramsPerMillionTokens();
                    refusedWhy = "no usable endpoint is at or under the cap of " + cap.maxGramsPerMillionTokens()
                            + " g/Mtok";
                } else if (action instanceof OverBudget.Substitute sub
                        && call.qualityFloor() == QualityFloor.SUBSTITUTES_ACCEPTABLE) {
                    ok = substituting;
                    refusedWhy = "no usable endpoint serves an allowed substitute for " + requested + " "
                            + sub.policy().substitutesFor(requested);
                } else {
                    held.forEach(CarbonBudget.Reservation::release);
                    throw BudgetExceededException.of(u, action instanceof OverBudget.Defer,
                            action instanceof OverBudget.Substitute
                                    ? "the caller's quality floor accepts no substitute for " + requested : "");
                }
                if (!ok) {
                    held.forEach(CarbonBudget.Reservation::release);
                    refused = u;
                    return Optional.empty();
                }
                held.add(b.forceReserve(call.key(), micrograms));
            }
            return Optional.of(new Permit() {
                @Override
                public void settle(CallRecord record) {
                    held.forEach(r -> r.settle(record));
                }

                @Override
                public void release() {
                    held.forEach(CarbonBudget.Reservation::release);
                }
            });
        }
    }
}
