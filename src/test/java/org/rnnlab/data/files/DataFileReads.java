package org.rnnlab.data.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every data file read while it is open, counted from {@link TextFile}'s debug log ("read FILE (N
 * bytes)"), which every rnnlab reader goes through: a test proves a run reads each file once by
 * counting. Opening it turns that logger to debug with this as its only appender; closing it puts
 * the logging back.
 */
public final class DataFileReads implements AutoCloseable {

    private static final String LOGGER = TextFile.class.getName();

    private final List<Path> reads = Collections.synchronizedList(new ArrayList<>());
    private final LoggerContext context;
    private final AbstractAppender appender;

    public DataFileReads() {
        context = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("data-file-reads", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                reads.add(((Path) event.getMessage().getParameters()[0]).toAbsolutePath().normalize());
            }
        };
        appender.start();
        LoggerConfig counting = LoggerConfig.newBuilder().withLoggerName(LOGGER).withLevel(Level.DEBUG)
                .withAdditivity(false).withConfig(context.getConfiguration()).build();
        counting.addAppender(appender, Level.DEBUG, null);
        context.getConfiguration().addLogger(LOGGER, counting);
        context.updateLoggers();
    }

    /** How often each file was read so far, by its absolute path. */
    public Map<Path, Integer> counts() {
        Map<Path, Integer> counts = new TreeMap<>();
        synchronized (reads) {
            reads.forEach(file -> counts.merge(file, 1, Integer::sum));
        }
        return counts;
    }

    /** How often {@code file} was read so far. */
    public int count(Path file) {
        return counts().getOrDefault(file.toAbsolutePath().normalize(), 0);
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.removeLogger(LOGGER);
        context.updateLoggers();
        appender.stop();
    }
}
