namespace NetGen.Tests.Sequence;

/// <summary>Targets for the cross-entropy networks of the tests: each row of class values made a probability vector.</summary>
internal static class SequenceTargets
{
    /// <summary>Divides each row of <paramref name="classes"/> values of <paramref name="targets"/> by its sum, in place.</summary>
    public static void NormaliseRows(float[] targets, int classes)
    {
        for (int row = 0; row < targets.Length; row += classes)
        {
            float sum = 0f;
            for (int j = 0; j < classes; j++) sum += targets[row + j];
            for (int j = 0; j < classes; j++) targets[row + j] /= sum;
        }
    }
}
