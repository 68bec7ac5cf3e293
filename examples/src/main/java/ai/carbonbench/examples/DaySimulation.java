package ai.carbonbench.examples;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.langchain4j.LeanerAnswers;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.LeanRule;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.budget.BudgetExceededException;
import ai.carbonbench.router.budget.BudgetPeriod;
import ai.carbonbench.router.budget.BudgetedCall;
import ai.carbonbench.router.budget.BudgetedRouter;
import ai.carbonbench.router.budget.CarbonBudget;
import ai.carbonbench.router.budget.OverBudget;
import ai.carbonbench.router.budget.QualityFloor;
import ai.carbonbench.router.budget.SubstitutionPolicy;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated day of LLM calls, four ways, on the same workload: routing alone; routing plus a daily budget
 * per tenant that rejects; routing plus a budget that substitutes a smaller model; routing plus leaner answers.
 * Offline and deterministic: the embedded catalog's typical daily profiles, a fixed seed, and a stub model whose
 * output length responds to the brevity instruction.
 *
 * <p>Deployment: gpt-oss-120b on Amazon Bedrock us-east-1 (the baseline) and eu-central-1; gpt-oss-20b in the
 * same regions as the allowed substitute. Workload: 24 hours from 2026-12-01T00:00Z, 60 to 180 calls an hour
 * (busier in the European and American working day), three tenants (50 / 30 / 20 % of calls), 200–2,000 prompt
 * tokens, an answer that would naturally be 100–900 tokens, every call with max 1,024 output tokens. Budgets: each
 * tenant may emit {@value #BUDGET_FRACTION} of what it emits with routing alone. Leaner answers: the default
 * brevity instruction above {@value #LEAN_ABOVE_GRAMS_PER_KWH} gCO2e/kWh.
 *
 * <p>The stub's response to the instruction is an assumption, not a measurement: a brief answer is
 * {@value #BREVITY_FACTOR} of the natural length.
 */
public final class DaySimulation {

    /** Output length under the brevity instruction, as a fraction of the natural length (assumed). */
    static final double BREVITY_FACTOR = 0.55;
    static final double LEAN_ABOVE_GRAMS_PER_KWH = 350;
    static final double BUDGET_FRACTION = 0.8;
    static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
    static final OfferingKey US_120B = OfferingKey.of("aws-bedrock", "us-east-1", "gpt-oss-120b");
    static final OfferingKey DE_120B = OfferingKey.of("aws-bedrock", "eu-central-1", "gpt-oss-120b");
    static final OfferingKey US_20B = OfferingKey.of("aws-bedrock", "us-east-1", "gpt-oss-20b");
    static final OfferingKey DE_20B = OfferingKey.of("aws-bedrock", "eu-central-1", "gpt-oss-20b");
    static final String[] TENANTS = {"support", "search", "batch"};

    private DaySimulation() {
    }

    /** One call of the workload. */
    record Call(Instant at, String tenant, long inputTokens, long naturalOutputTokens) {
    }

    /** What one scenario emitted and served; grams are the ledger's central estimate. */
    record Outcome(String scenario, long requested, long served, long refused, long substituted, long leaner,
            long outputTokens, long micrograms, long baselineMicrograms, Map<String, Long> microgramsByTenant) {
        public double grams() {
            return micrograms / 1e6;
        }
    }

    enum Mode { ROUTING, BUDGET_REJECT, BUDGET_SUBSTITUTE, BREVITY }

    public static void main(String[] args) {
        List<Outcome> outcomes = run();
        double base = outcomes.get(0).grams();
        System.out.println("One simulated day, " + outcomes.get(0).requested() + " calls requested:");
        System.out.println(String.format(Locale.ROOT, "  %-36s %8.2f g CO2e (%+6.1f%%)", "no routing (all on us-east-1)",
                outcomes.get(0).baselineMicrograms() / 1e6, (outcomes.get(0).baselineMicrograms() / 1e6 / base - 1) * 100));
        for (Outcome o : outcomes) {
            System.out.println(String.format(Locale.ROOT, "  %-36s %8.2f g CO2e (%+6.1f%%)  %5d served, %4d refused,"
                    + " %4d on the 20B, %4d made leaner, %8d output tokens", o.scenario(), o.grams(),
                    (o.grams() / base - 1) * 100, o.served(), o.refused(), o.substituted(), o.leaner(),
                    o.outputTokens()));
        }
    }

    /** The four scenarios on one workload, routing alone first. */
    static List<Outcome> run() {
        List<Call> calls = workload();
        Outcome alone = simulate("routing alone", calls, Mode.ROUTING, Map.of());
        return List.of(alone,
                simulate("routing + budget (reject)", calls, Mode.BUDGET_REJECT, alone.microgramsByTenant()),
                simulate("routing + budget (substitute 20B)", calls, Mode.BUDGET_SUBSTITUTE,
                        alone.microgramsByTenant()),
                simulate("routing + brevity above 350 g/kWh", calls, Mode.BREVITY, Map.of()));
    }

    static List<Call> workload() {
        SplittableRandom rnd = new SplittableRandom(20261201);
        List<Call> calls = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            int perHour = (h >= 7 && h < 22) ? 180 : 60; // Europe's and America's working hours
            for (int i = 0; i < perHour; i++) {
                Instant at = DAY.plus(Duration.ofHours(h)).plusSeconds(i * 3600L / perHour);
                double u = rnd.nextDouble();
                String tenant = u < 0.5 ? TENANTS[0] : u < 0.8 ? TENANTS[1] : TENANTS[2];
                calls.add(new Call(at, tenant, rnd.nextLong(200, 2_001), rnd.nextLong(100, 901)));
            }
        }
        return calls;
    }

    static Outcome simulate(String name, List<Call> calls, Mode mode, Map<String, Long> aloneByTenant) {
        AtomicReference<Instant> now = new AtomicReference<>(DAY); // the simulated time, moved call by call
        InstantSource simulated = now::get;
        Clock clock = simulated.withZone(ZoneOffset.UTC);
        CarbonBench cb = CarbonBench.builder().catalog(Catalog.embedded()).clock(clock).build();
        LeanerAnswers lean = LeanerAnswers.builder().aboveGramsPerKwh(LEAN_ABOVE_GRAMS_PER_KWH).build();
        CarbonRouter.Builder<ChatModel> b = CarbonRouter.<ChatModel>builder(cb).clock(clock);
        List<OfferingKey> keys = mode == Mode.BUDGET_SUBSTITUTE ? List.of(US_120B, DE_120B, US_20B, DE_20B)
                : List.of(US_120B, DE_120B);
        long[] leaner = {0};
        for (OfferingKey k : keys) {
            ChatModel stub = new StubModel(leaner);
            b.endpoint(k, mode == Mode.BREVITY ? lean.wrap(cb, k.provider(), k.region(), k.model(), stub) : stub);
        }
        CarbonRouter<ChatModel> router = b.build();
        BudgetedRouter<ChatModel> budgeted = null;
        if (mode == Mode.BUDGET_REJECT || mode == Mode.BUDGET_SUBSTITUTE) {
            CarbonBudget.Builder budget = CarbonBudget.builder("tenant-daily", 0, BudgetPeriod.fixed(DAY,
                    Duration.ofDays(1))).clock(clock).overBudget(mode == Mode.BUDGET_REJECT ? OverBudget.reject()
                    : OverBudget.substitute(SubstitutionPolicy.builder().allow("gpt-oss-120b", "gpt-oss-20b").build()));
            aloneByTenant.forEach((t, ug) -> budget.gramsPerPeriod(t, ug * BUDGET_FRACTION / 1e6));
            budgeted = BudgetedRouter.of(router, budget.build());
        }
        long served = 0;
        long refused = 0;
        long substituted = 0;
        long output = 0;
        Map<String, Long> byTenant = new TreeMap<>();
        for (Call c : calls) {
            now.set(c.at());
            ChatRequest request = ChatRequest.builder()
                    .messages(SystemMessage.from("You are a helpful assistant."),
                            UserMessage.from("[in=" + c.inputTokens() + " out=" + c.naturalOutputTokens() + "] ..."))
                    .maxOutputTokens(1024).build();
            CarbonRouter.Recorded<ChatResponse> r;
            try {
                r = budgeted == null ? router.callRecorded(m -> m.chat(request), DaySimulation::usage)
                        : budgeted.call(BudgetedCall.of(c.tenant()).withEstimate(c.inputTokens(), 1024)
                                .withQualityFloor(QualityFloor.SUBSTITUTES_ACCEPTABLE), m -> m.chat(request),
                                DaySimulation::usage);
            } catch (BudgetExceededException e) {
                refused++;
                continue;
            }
            served++;
            output += r.record().outputTokens();
            if (r.record().endpoint().model().equals("gpt-oss-20b")) {
                substituted++;
            }
            byTenant.merge(c.tenant(), r.record().microgramsCentral(), Long::sum);
        }
        return new Outcome(name, calls.size(), served, refused, substituted, leaner[0], output,
                router.ledger().total().microgramsCentral(), router.ledger().total().baselineMicrograms(), byTenant);
    }

    private static Usage usage(ChatResponse r) {
        TokenUsage u = r.tokenUsage();
        return Usage.of(u.inputTokenCount(), u.outputTokenCount());
    }

    private static final Pattern SIZE = Pattern.compile("\\[in=(\\d+) out=(\\d+)]");

    /**
     * A stand-in LLM: the prompt says its size and the answer's natural length; with the brevity instruction in the
     * system message the answer is {@link #BREVITY_FACTOR} of that; max output tokens cut it off.
     */
    static final class StubModel implements ChatModel {
        private final long[] leaner;

        StubModel(long[] leaner) {
            this.leaner = leaner;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            boolean brief = false;
            long in = 0;
            long out = 0;
            for (ChatMessage m : request.messages()) {
                if (m instanceof SystemMessage s && s.text().contains(LeanRule.DEFAULT_INSTRUCTION)) {
                    brief = true;
                }
                if (m instanceof UserMessage u) {
                    Matcher x = SIZE.matcher(u.singleText());
                    if (x.find()) {
                        in = Long.parseLong(x.group(1));
                        out = Long.parseLong(x.group(2));
                    }
                }
            }
            if (brief) {
                out = Math.round(out * BREVITY_FACTOR);
                synchronized (leaner) {
                    leaner[0]++;
                }
            }
            Integer max = request.parameters().maxOutputTokens();
            if (max != null) {
                out = Math.min(out, max);
            }
            return ChatResponse.builder().aiMessage(AiMessage.from("…"))
                    .tokenUsage(new TokenUsage((int) in, (int) out)).build();
        }
    }
}
