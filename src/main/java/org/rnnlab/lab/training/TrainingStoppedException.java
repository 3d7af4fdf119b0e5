package org.rnnlab.lab.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training stopped on a {@link StopRequest} before it finished. Each stopped run's folder keeps its
 * {@code .incomplete} name and holds metrics.csv so far and a STOPPED.txt saying what happened.
 */
public class TrainingStoppedException extends RuntimeException {

    private final StopRequest.Reason reason;
    private final List<Path> folders;

    public TrainingStoppedException(StopRequest.Reason reason, String detail, List<Path> folders) {
        super(detail);
        this.reason = reason;
        this.folders = List.copyOf(folders);
    }

    /** Why training stopped. */
    public StopRequest.Reason reason() {
        return reason;
    }

    /** The run folders left incomplete with a STOPPED.txt; empty if no run had started. */
    public List<Path> folders() {
        return folders;
    }

    /** One exception for several stopped runs: the first one's reason, every folder. */
    static TrainingStoppedException merged(List<TrainingStoppedException> stops) {
        List<Path> folders = new ArrayList<>();
        stops.forEach(stop -> folders.addAll(stop.folders()));
        String detail = folders.isEmpty() ? "no run was training; the runs still to come did not start"
                : folders.size() + " run folder(s) left incomplete with a checkpoint, their metrics so far and a "
                        + "STOPPED.txt: " + String.join(", ", folders.stream().map(Path::toString).toList())
                        + "; go on with --resume FOLDER";
        return new TrainingStoppedException(stops.get(0).reason(), detail, folders);
    }
}
