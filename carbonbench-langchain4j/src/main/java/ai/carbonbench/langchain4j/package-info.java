/**
 * LangChain4j integration: carbon-aware {@code ChatModel} and {@code StreamingChatModel} built on
 * {@code CarbonRouter}, and a {@code ChatModelListener} that accounts the emissions of any model.
 */
package ai.carbonbench.langchain4j;
