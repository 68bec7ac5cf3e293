package ai.carbonbench.core.grid;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps every event, formatted, so tests can assert what was logged. */
final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    record Event(Level level, String message) {
    }

    final transient List<Event> events = new CopyOnWriteArrayList<>();

    RecordingLogger() {
        this.name = "test";
    }

    List<String> at(Level level) {
        return events.stream().filter(e -> e.level() == level).map(Event::message).toList();
    }

    List<String> warnings() {
        return at(Level.WARN);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args, Throwable t) {
        events.add(new Event(level, MessageFormatter.basicArrayFormat(msg, args)));
    }

    @Override
    public boolean isTraceEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
