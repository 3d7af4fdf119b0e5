package org.rnnlab.data.files;

/**
 * One labelled string of letters: a row of a letters file.
 *
 * @param sequence the letters, one time step each
 * @param label    0 or 1
 */
public record LetterExample(String sequence, int label) {

    public LetterExample {
        if (sequence == null || sequence.isEmpty()) {
            throw new IllegalArgumentException("a letter sequence needs at least one letter");
        }
        for (char letter : sequence.toCharArray()) {
            if (!LetterStrings.inAlphabet(letter)) {
                throw new IllegalArgumentException("letter '" + letter + "' in '" + sequence
                        + "' is not in the alphabet " + LetterStrings.alphabetText());
            }
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label of '" + sequence + "' must be 0 or 1, got " + label);
        }
    }
}
