package org.rnnlab.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class RowKernelsTest {

    private static double[][] random(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }

    @Test
    void combinationIsTheRowTimesMatrixProduct() {
        Random random = new Random(5);
        for (int count : new int[] {1, 3, 4, 7, 33}) {
            double[][] v = random(random, count, 9);
            double[] c = random(random, 1, count)[0];
            c[count / 2] = 0;
            double[] out = random(random, 1, 9)[0];
            double[] expected = out.clone();
            for (int k = 0; k < count; k++) {
                for (int j = 0; j < 9; j++) {
                    expected[j] += c[k] * v[k][j];
                }
            }
            RowKernels.addCombination(out, 9, c, count, v);
            assertArrayEquals(expected, out, 1e-12, "count " + count);
        }
    }

    @Test
    void summingInBlocksFromMultiplesOfFourGivesTheSameBits() {
        Random random = new Random(6);
        int count = 103;
        double[][] v = random(random, count, 37);
        double[] c = random(random, 1, count)[0];
        double[] whole = new double[37];
        RowKernels.addCombination(whole, 37, c, count, v);
        for (int block : new int[] {4, 8, 32}) {
            double[] blocked = new double[37];
            for (int k0 = 0; k0 < count; k0 += block) {
                RowKernels.addCombination(blocked, 37, c, v, k0, Math.min(count, k0 + block));
            }
            assertArrayEquals(whole, blocked, 0, "blocks of " + block);
        }
    }

    @Test
    void rowsAndColumnsCopiesReadTheColumnMajorBlock() {
        ParamBlock block = new ParamBlock("0_RW", 0, ParamBlock.RECURRENT_WEIGHTS, 3, 2, 5);
        double[] flat = new double[3 + 10];
        for (int k = 0; k < flat.length; k++) {
            flat[k] = k;
        }
        double[][] rows = new double[2][5];
        double[][] columns = new double[5][2];
        RowKernels.copyRows(flat, block, rows);
        RowKernels.copyColumns(flat, block, columns);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(flat[block.index(i, j)], rows[i][j], 0);
                assertEquals(flat[block.index(i, j)], columns[j][i], 0);
            }
        }
        double[] gradient = new double[flat.length];
        RowKernels.addColumns(columns, gradient, block);
        for (int k = 3; k < flat.length; k++) {
            assertEquals(flat[k], gradient[k], 0);
        }
        assertEquals(0, gradient[0] + gradient[1] + gradient[2], 0, "nothing outside the block");
    }
}
