package org.rnnlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.bench.Peer.Precision;
import org.rnnlab.bridge.Batches;
import org.rnnlab.data.datavec.SequenceIterators;
import org.rnnlab.data.files.TextFile;
import org.rnnlab.dl4j.NetworkFactory;
import org.rnnlab.lab.report.NumberFormats;
import org.rnnlab.lab.report.Table;
import org.rnnlab.lab.settings.ExperimentSettings;
import org.rnnlab.lab.tasks.CharModelTask;
import org.rnnlab.scratch.ScratchNetwork;
import org.rnnlab.scratch.ScratchTrainer;
import org.rnnlab.scratch.SequenceBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The character-model template trained for a fixed number of updates by DL4J, the scratch network
 * and a {@link Peer}, on the same windows in the same order: characters per second of the updates
 * alone, and validation bits per character afterwards.
 *
 * <p>The windows are the ones a training run of the settings reads ({@link CharModelTask#trainingData},
 * its epochs' shares in turn); validation is every window of the text's validation part. Bits per
 * character come from each implementation's loss (mean over the validation windows' characters of
 * −ln p, over ln 2), so they mean the same for all three. DL4J starts from its seeded initialisation,
 * the scratch network from DL4J's parameters, the peer from its own. DL4J and the scratch network
 * train in the settings' precision (the template's is float), DL4J with rnnlab's thread settings,
 * the scratch network and the peer (in float) on each thread count of {@link PeerBenchmark#THREADS}.
 */
public final class PeerCharModel {

    /** The settings trained. */
    public static final String SETTINGS = "char-model-template-lstm";

    private static final Logger LOG = LoggerFactory.getLogger(PeerCharModel.class);

    /**
     * One implementation's run.
     *
     * @param implementation e.g. "dl4j-double" or "libtorch 2.7.1"
     * @param precision      float32 or float64
     * @param threads        threads, as the speed table gives them
     * @param updates        updates done
     * @param characters     characters trained on (updates × minibatch × window)
     * @param seconds        time of the updates
     * @param validationBits validation bits per character after the updates
     */
    public record Row(String implementation, String precision, String threads, int updates, long characters,
                      double seconds, double validationBits) {

        public double charactersPerSecond() {
            return characters / seconds;
        }
    }

    private final Peer peer;
    private final int updates;
    private final NativeThreads threads;

    /** Trains for {@code updates} updates; {@code threads} switches ND4J to rnnlab's settings. */
    public PeerCharModel(Peer peer, int updates, NativeThreads threads) {
        if (updates < 1) {
            throw new IllegalArgumentException("updates must be positive, got " + updates);
        }
        this.peer = peer;
        this.updates = updates;
        this.threads = threads;
    }

    /** DL4J's row, the scratch network's, then the peer's. */
    public List<Row> run(ExperimentSettings settings) {
        CharModelTask.Settings text = (CharModelTask.Settings) settings.task();
        int batch = settings.training().batch();
        List<DataSet> training = trainingWindows(new CharModelTask(text, settings.training().seed()), batch,
                text.sampleEvery());
        List<DataSet> validation = validationWindows(text, batch);
        List<SequenceBatch> trainingBatches = training.stream().map(Batches::fromDataSet).toList();
        List<SequenceBatch> validationBatches = validation.stream().map(Batches::fromDataSet).toList();
        long characters = (long) updates * batch * text.window();
        List<Row> rows = new ArrayList<>();

        NativeThreads.Setting setting = threads.useRnnlab();
        boolean single = settings.network().precision() == org.rnnlab.spec.Precision.FLOAT;
        Precision precision = single ? Precision.FLOAT : Precision.DOUBLE;
        MultiLayerNetwork dl4j = new MultiLayerNetwork(NetworkFactory.configuration(settings.network(),
                settings.training()));
        dl4j.init();
        double[] initial = dl4j.params().castTo(DataType.DOUBLE).toDoubleVector();
        long start = System.nanoTime();
        for (DataSet data : training) {
            dl4j.fit(Batches.inTypeOf(dl4j, data));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> losses = new ArrayList<>();
        for (DataSet data : validation) {
            losses.add(dl4j.score(Batches.inTypeOf(dl4j, data)));
        }
        rows.add(log(new Row((single ? TrainingSetup.DL4J_FLOAT : TrainingSetup.DL4J_DOUBLE).label(),
                precision.label(), setting.compact(), updates, characters, seconds,
                bits(losses, validationBatches, text.window()))));
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();

        for (int scratchThreads : PeerBenchmark.THREADS) {
            ScratchNetwork scratch = new ScratchNetwork(settings.network(), settings.training().seed());
            scratch.setParams(initial);
            scratch.setThreads(scratchThreads);
            ScratchTrainer trainer = new ScratchTrainer(scratch, settings.training());
            start = System.nanoTime();
            for (SequenceBatch data : trainingBatches) {
                trainer.fit(data);
            }
            seconds = (System.nanoTime() - start) / 1e9;
            losses.clear();
            for (SequenceBatch data : validationBatches) {
                losses.add(scratch.score(data));
            }
            TrainingSetup setup = single ? TrainingSetup.SCRATCH_FLOAT : TrainingSetup.SCRATCH_DOUBLE;
            rows.add(log(new Row(setup.label(), precision.label(), Integer.toString(scratchThreads), updates,
                    characters, seconds, bits(losses, validationBatches, text.window()))));
        }

        for (int peerThreads : PeerBenchmark.THREADS) {
            Peer.TrainedRun run = peer.train(settings.network(), settings.training(), trainingBatches,
                    validationBatches, Precision.FLOAT, peerThreads);
            losses.clear();
            for (double loss : run.validationLosses()) {
                losses.add(loss);
            }
            rows.add(log(new Row(peer.name(), Precision.FLOAT.label(), Integer.toString(peerThreads), updates,
                    characters, run.seconds(), bits(losses, validationBatches, text.window()))));
        }
        threads.useRnnlab();
        return rows;
    }

    /** The first {@code updates} minibatches a training run reads, going on to the next epoch's share as it does. */
    private List<DataSet> trainingWindows(CharModelTask task, int batch, int sampleEvery) {
        List<DataSet> windows = new ArrayList<>();
        DataSetIterator data = task.trainingData(batch);
        int epoch = 1;
        while (windows.size() < updates) {
            if (!data.hasNext()) {
                // the next epoch's share, as a run goes on to it; at an epoch that would draw samples
                // (from a model this loop does not have) the same share again
                if (epoch % sampleEvery != 0) {
                    task.epochEnded(epoch, null, null);
                }
                epoch++;
                data = task.trainingData(batch);
                if (!data.hasNext()) {
                    throw new IllegalStateException("the text gives no training window of " + batch);
                }
            }
            windows.add(data.next());
        }
        return windows;
    }

    /** Every window of the validation part, in minibatches of {@code batch}. */
    private static List<DataSet> validationWindows(CharModelTask.Settings text, int batch) {
        int length = text.text().codePoints().length;
        int from = TextFile.validationStart(length, text.validationFraction());
        DataSetIterator data = SequenceIterators.textWindows(text.text(), text.vocabulary(), text.window(),
                text.window(), from, length, batch);
        List<DataSet> windows = new ArrayList<>();
        while (data.hasNext()) {
            windows.add(data.next());
        }
        return windows;
    }

    /** Losses averaged over the minibatch, summed over steps: back to bits per character. */
    static double bits(List<Double> losses, List<SequenceBatch> batches, int window) {
        double nats = 0;
        long characters = 0;
        for (int i = 0; i < losses.size(); i++) {
            int mb = batches.get(i).miniBatch();
            nats += losses.get(i) * mb;
            characters += (long) mb * window;
        }
        return nats / characters / Math.log(2);
    }

    private static Row log(Row row) {
        LOG.info("{} {} updates ({} x{}): {} s, {} characters/s, validation {} bits per character", SETTINGS,
                row.updates(), row.implementation(), row.threads(), NumberFormats.significant(row.seconds()),
                NumberFormats.significant(row.charactersPerSecond()),
                String.format(Locale.ROOT, "%.3f", row.validationBits()));
        return row;
    }

    /** The rows as a table, with each row's speed against DL4J's. */
    public static Table table(List<Row> rows) {
        double dl4j = rows.stream().filter(r -> r.implementation().startsWith("dl4j"))
                .mapToDouble(Row::charactersPerSecond).findFirst().orElse(Double.NaN);
        Table table = new Table(List.of("implementation", "precision", "threads", "updates", "characters", "fit_s",
                "chars_per_s", "speed_vs_dl4j", "validation_bpc"));
        for (Row row : rows) {
            table.add(List.of(Table.Cell.text(row.implementation()), Table.Cell.text(row.precision()),
                    Table.Cell.text(row.threads()), Table.Cell.count(row.updates()), Table.Cell.count(row.characters()),
                    Table.Cell.number(row.seconds()), Table.Cell.number(row.charactersPerSecond()),
                    Table.Cell.number(row.charactersPerSecond() / dl4j), Table.Cell.number(row.validationBits(), 3)));
        }
        return table;
    }
}
