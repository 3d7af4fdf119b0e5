package org.rnnlab.dl4j;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J operations of {@link GruImpl}'s steps, each run with an op context made once. ND4J's
 * own calls ({@code a.addi(b)}, {@code Nd4j.gemm}) build a new op, and a new native context for
 * it, on every call: at a GRU's sizes that costs more than the arithmetic (12-25 us against 7 us
 * here). The same native kernels run on the same arrays, so the numbers do not change.
 *
 * <p>One instance per layer; like the layer, not for use by two threads at once.
 */
final class GruOps {

    private final Kernel add = new Kernel(new AddOp());
    private final Kernel mul = new Kernel(new MulOp());
    private final Kernel sub = new Kernel(new SubOp());
    /** Matrix products by (transpose a, transpose b, accumulate into c). */
    private final Kernel[] gemm = new Kernel[8];

    /** z = x + y. */
    void add(INDArray x, INDArray y, INDArray z) {
        add.run(z, x, y);
    }

    /** z = x ⊙ y. */
    void mul(INDArray x, INDArray y, INDArray z) {
        mul.run(z, x, y);
    }

    /** z = x − y. */
    void sub(INDArray x, INDArray y, INDArray z) {
        sub.run(z, x, y);
    }

    /** c = op(a)·op(b): {@code Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0)}. */
    void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        product(a, b, c, transposeA, transposeB, false);
    }

    /** c += aᵀ·b: {@code Nd4j.gemm(a, b, c, true, false, 1.0, 1.0)}, for the weight gradients. */
    void gemmAccumulate(INDArray a, INDArray b, INDArray c) {
        product(a, b, c, true, false, true);
    }

    private void product(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                         boolean accumulate) {
        int key = (transposeA ? 4 : 0) + (transposeB ? 2 : 0) + (accumulate ? 1 : 0);
        if (gemm[key] == null) {
            MMulTranspose transpose = MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build();
            gemm[key] = new Kernel(new Mmul(a, b, c, 1.0, accumulate ? 1.0 : 0.0, transpose));
        }
        gemm[key].run(c, a, b);
    }

    /** Runs a legacy (non-custom) op built once on fixed arrays: a transform or scalar op. */
    static void run(Op op) {
        Nd4j.getExecutioner().exec(op);
    }

    /** A custom op and its context, with the op's fixed arguments set once. */
    private static final class Kernel {
        private final CustomOp op;
        private final OpContext context;

        Kernel(CustomOp op) {
            this.op = op;
            this.context = Nd4j.getExecutioner().buildContext();
            context.setIArguments(op.iArgs());
            context.setTArguments(op.tArgs());
            context.setBArguments(op.bArgs());
            // the op keeps no arrays: only its kind and fixed arguments are used from here on
            op.clearArrays();
        }

        void run(INDArray out, INDArray... in) {
            context.setInputArrays(in);
            context.setOutputArrays(out);
            Nd4j.getExecutioner().exec(op, context);
        }
    }
}
