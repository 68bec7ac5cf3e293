package ai.carbonbench.langchain4j;

import ai.carbonbench.router.ModelRouting;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options {@link CarbonAwareChatModel.Builder} and {@link CarbonAwareStreamingChatModel.Builder} share: the
 * router's adapter settings ({@link ModelRouting.AdapterBuilder}: the CarbonBench, the candidates, routing and
 * health settings, router listeners) with LangChain4j's failure taxonomy as the default classifier (see the
 * model's class comment; a stream that fails after its first partial response never fails over, whatever the
 * classifier says), and LangChain4j listeners. Not thread-safe.
 *
 * @param <M> the LangChain4j model type of the candidates
 * @param <B> the concrete builder, returned by every setter
 */
abstract class RoutingBuilder<M, B extends RoutingBuilder<M, B>> extends ModelRouting.AdapterBuilder<M, B> {

    final List<ChatModelListener> listeners = new ArrayList<>();

    RoutingBuilder() {
        super(Failures.CLASSIFIER);
    }

    /** Adds LangChain4j listeners, in order, after any added before. */
    public B listeners(List<ChatModelListener> listeners) {
        Objects.requireNonNull(listeners, "listeners").forEach(this::listener);
        return self();
    }

    /**
     * Adds a LangChain4j listener, called as by any LangChain4j model; the response it sees carries the
     * receipt.
     */
    public B listener(ChatModelListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /** The routing over the candidates, as set; see {@link #buildRouting(ModelRouting.Decorator)}. */
    ModelRouting<M> routing() {
        return buildRouting();
    }
}
