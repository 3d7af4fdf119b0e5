package org.rnnlab.lab.tasks;

import java.nio.file.Path;
import java.util.List;

import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.settings.SettingKey;
import org.rnnlab.lab.settings.TaskSettings;
import org.rnnlab.lab.settings.TaskSettingsReader;
import org.rnnlab.lab.settings.ValueReader;

/**
 * One kind of experiment, as a settings file names it ({@code experiment = NAME}): its keys, how they
 * are read and checked, and the {@link Task} (data through DataVec, evaluation, metrics, plots) a run
 * of it gets. Each kind is one class holding a {@code KIND} constant of this type and its own
 * settings record; {@link TaskKinds#ALL} lists them.
 *
 * @param <S> the kind's settings record
 */
public abstract class TaskKind<S extends TaskSettings> implements TaskSettingsReader {

    private final String name;
    private final Class<S> settingsType;
    private final List<SettingKey> keys;
    private final List<SettingKey> optionalKeys;

    protected TaskKind(String name, Class<S> settingsType, List<SettingKey> keys) {
        this(name, settingsType, keys, List.of());
    }

    /**
     * A kind whose files may also hold {@code optionalKeys}, each with its default.
     *
     * @throws IllegalArgumentException when one of {@code keys} has a default or one of {@code optionalKeys} none
     */
    protected TaskKind(String name, Class<S> settingsType, List<SettingKey> keys, List<SettingKey> optionalKeys) {
        for (SettingKey key : keys) {
            if (!key.required()) {
                throw new IllegalArgumentException(name + ": the key " + key.name() + " has a default; it belongs "
                        + "with the optional keys");
            }
        }
        for (SettingKey key : optionalKeys) {
            if (key.required()) {
                throw new IllegalArgumentException(name + ": the optional key " + key.name() + " has no default");
            }
        }
        this.name = name;
        this.settingsType = settingsType;
        this.keys = List.copyOf(keys);
        this.optionalKeys = List.copyOf(optionalKeys);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<SettingKey> keys() {
        return keys;
    }

    @Override
    public final List<SettingKey> optionalKeys() {
        return optionalKeys;
    }

    @Override
    public abstract S read(ValueReader in, Path dataDir);

    /** The task of one run of settings read by this kind. */
    protected abstract Task create(S settings, ExperimentSettings experiment);

    /**
     * How a trained run of this kind predicts from a new input file; a kind that does not predict
     * from files yet keeps this default, which says so.
     *
     * @param settings  the run's settings of this kind
     * @param runFolder the finished run folder, for artefacts saved beside the model
     * @throws IllegalArgumentException when the kind does not predict from files, or an artefact is missing
     */
    protected Predictor createPredictor(S settings, ExperimentSettings experiment, Path runFolder) {
        throw new IllegalArgumentException("a '" + name + "' run does not predict from files yet; "
                + "--evaluate recomputes its reported metrics");
    }

    /**
     * How a trained run of this kind generates free-running output (text); a kind that does not
     * generate keeps this default, which says so.
     *
     * @throws IllegalArgumentException when the kind does not sample, or an artefact is missing
     */
    protected Sampler createSampler(S settings, ExperimentSettings experiment, Path runFolder) {
        throw new IllegalArgumentException("a '" + name + "' run does not sample text; --sample is for char-model "
                + "runs (--input FILE predicts)");
    }

    /** The sampler of a run of {@code experiment}, which must be of this kind (see {@link #createSampler}). */
    public final Sampler sampler(ExperimentSettings experiment, Path runFolder) {
        return createSampler(settingsOf(experiment), experiment, runFolder);
    }

    /** The predictor of a run of {@code experiment}, which must be of this kind (see {@link #createPredictor}). */
    public final Predictor predictor(ExperimentSettings experiment, Path runFolder) {
        return createPredictor(settingsOf(experiment), experiment, runFolder);
    }

    /** The kind's settings inside {@code experiment}, which must be of this kind. */
    public final S settingsOf(ExperimentSettings experiment) {
        if (!settingsType.isInstance(experiment.task())) {
            throw new IllegalArgumentException(experiment.source() + " is a '" + experiment.task().kind()
                    + "' experiment, not '" + name + "'");
        }
        return settingsType.cast(experiment.task());
    }

    /** Whether {@code experiment} is of this kind. */
    public final boolean isKindOf(ExperimentSettings experiment) {
        return settingsType.isInstance(experiment.task());
    }

    /** A new task for a run of {@code experiment}, which must be of this kind. */
    public final Task task(ExperimentSettings experiment) {
        return create(settingsOf(experiment), experiment);
    }
}
