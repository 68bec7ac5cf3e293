/**
 * LangChain4j integration. {@link ai.carbonbench.langchain4j.CarbonAwareChatModel} and
 * {@link ai.carbonbench.langchain4j.CarbonAwareStreamingChatModel} route each call to the cleanest healthy
 * candidate through a {@code CarbonRouter}, fail over on LangChain4j's retriable exceptions, and attach a
 * {@link ai.carbonbench.langchain4j.CarbonReceipt} to every response (in a
 * {@link ai.carbonbench.langchain4j.CarbonChatResponseMetadata});
 * {@link ai.carbonbench.langchain4j.CarbonFootprintListener} accounts the emissions of any existing model
 * without routing.
 */
@NullMarked
package ai.carbonbench.langchain4j;

import org.jspecify.annotations.NullMarked;
