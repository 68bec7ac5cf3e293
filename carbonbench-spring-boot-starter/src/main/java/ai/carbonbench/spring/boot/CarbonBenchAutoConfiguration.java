package ai.carbonbench.spring.boot;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.score.Boundary;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.ElectricityMapsSource;
import ai.carbonbench.core.grid.SnapshotSource;
import ai.carbonbench.micrometer.CarbonMeters;
import ai.carbonbench.router.EmissionsLedger;
import ai.carbonbench.router.ResponseAccounting;
import ai.carbonbench.router.RoutingPolicy;
import ai.carbonbench.springai.CarbonAwareChatModel;
import ai.carbonbench.springai.CarbonObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures CarbonBench from {@code carbonbench.*} properties ({@link CarbonBenchProperties}):
 *
 * <ul>
 * <li>{@link CarbonBench}: the embedded catalog (with {@code carbonbench.catalog.overlay} merged over it) and
 *     live data from {@code carbonbench.live.api-key} or {@code carbonbench.snapshot.url} when set;</li>
 * <li>{@link EmissionsLedger}: the one ledger every routed and accounted call is recorded in;</li>
 * <li>{@link CarbonMeters}: the meter binder over that ledger (Spring Boot binds it to the application's
 *     {@code MeterRegistry});</li>
 * <li>{@link CarbonAwareChatModel} {@code carbonAwareChatModel}, when {@code carbonbench.router.candidates} are
 *     set: the routed Spring AI chat model, recording in the ledger, its fail-overs in the meters;</li>
 * <li>{@link CarbonObservationFilter}, when {@code carbonbench.accounting.provider} is set: accounts the
 *     application's other Spring AI chat models through their observations;</li>
 * <li>{@link CarbonBenchEndpoint}, with the actuator: the {@code carbonbench} endpoint.</li>
 * </ul>
 *
 * Each bean backs off when the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(CarbonBenchProperties.class)
public class CarbonBenchAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonBenchAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public CarbonBench carbonBench(CarbonBenchProperties properties) {
        Catalog catalog = Catalog.embedded();
        if (properties.catalog() != null && properties.catalog().overlay() != null) {
            catalog = catalog.overlay(properties.catalog().overlay());
        }
        CarbonBench.Builder b = CarbonBench.builder().catalog(catalog).boundary(Boundary.of(properties.boundary()));
        CarbonBenchProperties.Live live = properties.live();
        CarbonBenchProperties.Snapshot snapshot = properties.snapshot();
        if (live != null && live.apiKey() != null && !live.apiKey().isBlank()) {
            ElectricityMapsSource.Builder em = ElectricityMapsSource.builder().apiKey(live.apiKey());
            if (live.baseUrl() != null) {
                em.baseUrl(live.baseUrl());
            }
            b.gridSource(em.build());
            LOG.info("CarbonBench: live grid data from Electricity Maps");
        } else if (snapshot != null && snapshot.url() != null && !snapshot.url().isBlank()) {
            b.gridSource(SnapshotSource.builder(snapshot.url()).build());
            LOG.info("CarbonBench: grid data from the snapshot at {}", snapshot.url());
        }
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public EmissionsLedger carbonBenchLedger() {
        return EmissionsLedger.create();
    }

    @Bean
    @ConditionalOnMissingBean
    public CarbonMeters carbonMeters(CarbonBench carbonBench, EmissionsLedger ledger,
            CarbonBenchProperties properties) {
        List<OfferingKey> offerings = candidates(properties).stream()
                .map(c -> carbonBench.catalog().offering(OfferingKey.of(c.provider(), c.region(), c.model())).key())
                .toList();
        return CarbonMeters.builder(carbonBench).ledger(ledger).offerings(offerings).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnCandidates.class)
    public CarbonAwareChatModel carbonAwareChatModel(CarbonBench carbonBench, EmissionsLedger ledger,
            CarbonMeters meters, CarbonBenchProperties properties, BeanFactory beans,
            ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        CarbonAwareChatModel.Builder b = CarbonAwareChatModel.builder().carbonBench(carbonBench).ledger(ledger)
                .routerListener(meters).policy(policy(properties.router())).observationRegistry(registry);
        for (CarbonBenchProperties.Candidate c : candidates(properties)) {
            b.candidate(c.provider(), c.region(), c.model(), chatModel(c, beans, registry));
        }
        CarbonAwareChatModel model = b.build();
        LOG.info("CarbonBench: routed chat model over {}", model.candidates());
        return model;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "carbonbench.accounting", name = "provider")
    public CarbonObservationFilter carbonObservationFilter(CarbonBench carbonBench, EmissionsLedger ledger,
            CarbonBenchProperties properties) {
        CarbonBenchProperties.Accounting a = properties.accounting();
        if (a.region() == null) {
            throw new IllegalStateException("carbonbench.accounting.region is required with carbonbench.accounting.provider");
        }
        ResponseAccounting.Builder<CarbonObservationFilter> b = CarbonObservationFilter.builder().carbonBench(carbonBench)
                .provider(a.provider()).region(a.region()).ledger(ledger);
        if (a.defaultModel() != null) {
            b.defaultModel(a.defaultModel());
        }
        return b.build();
    }

    /** The actuator endpoint, when the application has the actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        CarbonBenchEndpoint carbonBenchEndpoint(EmissionsLedger ledger, ObjectProvider<CarbonAwareChatModel> model,
                CarbonBench carbonBench) {
            // the boundary of the CarbonBench that scores the calls, as the meters report it
            return new CarbonBenchEndpoint(ledger, Optional.ofNullable(model.getIfAvailable()), carbonBench.boundary().id());
        }
    }

    static List<CarbonBenchProperties.Candidate> candidates(CarbonBenchProperties p) {
        return p.router() == null || p.router().candidates() == null ? List.of() : p.router().candidates();
    }

    static RoutingPolicy policy(CarbonBenchProperties.Router r) {
        RoutingPolicy.Builder b = RoutingPolicy.builder();
        switch (r.policy().toLowerCase(Locale.ROOT)) {
            case "lowest-carbon" -> b.lowestCarbon();
            case "lowest-cost" -> b.lowestCost();
            case "weighted" -> {
                List<Double> w = r.weights();
                if (w == null || w.size() != 3) {
                    throw new IllegalStateException("carbonbench.router.weights must be three numbers (carbon, cost, "
                            + "latency) with policy weighted, was " + w);
                }
                b.weighted(w.get(0), w.get(1), w.get(2));
            }
            default -> throw new IllegalStateException("carbonbench.router.policy must be lowest-carbon, lowest-cost "
                    + "or weighted, was " + r.policy());
        }
        b.euOnly(r.euOnly());
        if (r.allowedRegions() != null) {
            r.allowedRegions().forEach(b::region);
        }
        if (r.allowedProviders() != null) {
            r.allowedProviders().forEach(b::provider);
        }
        if (r.maxUsdPerMillionTokens() != null) {
            b.maxUsdPerMillionTokens(r.maxUsdPerMillionTokens());
        }
        if (r.maxGramsPerMillionTokens() != null) {
            b.maxGramsPerMillionTokens(r.maxGramsPerMillionTokens());
        }
        return b.build();
    }

    private static ChatModel chatModel(CarbonBenchProperties.Candidate c, BeanFactory beans,
            ObservationRegistry registry) {
        if (c.chatModelBean() != null) {
            return beans.getBean(c.chatModelBean(), ChatModel.class);
        }
        if (c.baseUrl() == null) {
            throw new IllegalStateException("candidate " + c + " needs chat-model-bean or base-url");
        }
        if (!ClassUtils.isPresent("org.springframework.ai.openai.OpenAiChatModel",
                CarbonBenchAutoConfiguration.class.getClassLoader())) {
            throw new IllegalStateException("candidate " + c + " has a base-url: add org.springframework.ai:"
                    + "spring-ai-openai, or give chat-model-bean");
        }
        return OpenAi.chatModel(c, registry);
    }

    /** Loaded only when Spring AI's OpenAI module is on the class path. */
    private static final class OpenAi {
        static ChatModel chatModel(CarbonBenchProperties.Candidate c, ObservationRegistry registry) {
            org.springframework.ai.openai.OpenAiChatOptions.Builder options =
                    org.springframework.ai.openai.OpenAiChatOptions.builder().baseUrl(c.baseUrl())
                            .maxRetries(0) // fail-over is the router's job
                            .timeout(Duration.ofSeconds(60)).streamUsage(true);
            if (c.apiKey() != null) {
                options.apiKey(c.apiKey());
            }
            if (c.modelName() != null) {
                options.model(c.modelName());
            }
            return org.springframework.ai.openai.OpenAiChatModel.builder().options(options.build())
                    .observationRegistry(registry).build();
        }
    }

    /** True when at least one router candidate is configured. */
    static final class OnCandidates implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().containsProperty("carbonbench.router.candidates[0].provider");
        }
    }
}
