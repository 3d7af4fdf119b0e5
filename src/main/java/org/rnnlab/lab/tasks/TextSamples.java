package org.rnnlab.lab.tasks;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.rnnlab.data.files.Snippet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text samples one training of a character model draws as it goes, each after an epoch, with a
 * random generator seeded from the seed and the epoch ({@link TextSampler#sampleRandom}): the same
 * network gives the same text. A checkpoint keeps them as text, since they cannot be drawn again.
 */
final class TextSamples {

    private static final Logger LOG = LoggerFactory.getLogger(TextSamples.class);

    private final CharModelTask.Settings settings;
    private final long seed;
    private final List<Sample> samples = new ArrayList<>();

    /** @param seed seeds the samples' random draws */
    TextSamples(CharModelTask.Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    /** A text sample and the epoch after which it was drawn. */
    private record Sample(int epoch, String text) {
    }

    /** Draws the sample after {@code epoch} from the model as it is now, and logs it. */
    void draw(int epoch, SequenceModel model, String label) {
        String text = TextSampler.sample(model, settings.vocabulary(), settings.prompt(), settings.sampleLength(),
                settings.temperature(), TextSampler.sampleRandom(seed, epoch));
        samples.add(new Sample(epoch, text));
        LOG.info("{}: sample after epoch {}:{}{}{}", label, epoch, System.lineSeparator(), settings.prompt(), text);
    }

    /** Whether the last sample drawn is the one after {@code epoch}. */
    boolean lastIsAfter(int epoch) {
        return !samples.isEmpty() && samples.get(samples.size() - 1).epoch() == epoch;
    }

    /** The samples so far, one property per sample ({@code sample.EPOCH = text}). */
    String state() {
        Properties state = new Properties();
        samples.forEach(sample -> state.setProperty("sample." + sample.epoch(), sample.text()));
        StringWriter text = new StringWriter();
        try {
            state.store(text, "text samples by epoch");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Takes back the samples {@link #state()} gave, in place of any drawn. */
    void restore(String state) {
        Properties saved = new Properties();
        try {
            saved.load(new StringReader(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        samples.clear();
        saved.stringPropertyNames().stream()
                .map(key -> new Sample(Integer.parseInt(key.substring("sample.".length())), saved.getProperty(key)))
                .sorted(Comparator.comparingInt(Sample::epoch))
                .forEach(samples::add);
    }

    /** Each sample under a heading saying after which epoch it was drawn, prompt first, for the run's summary. */
    Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Sample sample : samples) {
            texts.put(String.format(Locale.ROOT, "Sample after epoch %d (temperature %s, prompt '%s')", sample.epoch(),
                    settings.temperature(), Snippet.of(settings.prompt())), settings.prompt() + sample.text());
        }
        return texts;
    }
}
