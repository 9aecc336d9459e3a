namespace NetGen.Runtime;

/// <summary>
/// W. J. Cody's rational approximations of erf and erfc ("Rational Chebyshev approximations for the error function",
/// Math. Comp. 23, 1969, as in his CALERF), in float, shared by <see cref="ScalarMath"/> and <c>VectorMath</c>:
/// erf x = x·A(x²)/B(x²) on |x| ≤ <see cref="ErfSmall"/>; erfc y = e^(−y²)·C(y)/D(y) on
/// <see cref="ErfSmall"/> &lt; y ≤ <see cref="ErfcMiddle"/>, and e^(−y²)·(1/√π − z·P(z)/Q(z))/y with z = 1/y² above.
/// </summary>
internal static class ErfCoefficients
{
    /// <summary>The end of erf's small-argument range.</summary>
    internal const float ErfSmall = 0.46875f;
    /// <summary>The end of erfc's middle range.</summary>
    internal const float ErfcMiddle = 4f;

    /// <summary>1/√π, the tail's leading term.</summary>
    internal const float OneOverSqrtPi = 0.564189583547756287f;

    // The coefficients, lowest-order term first as in CALERF.
    internal const float ErfA0 = 3.16112374387056560e00f, ErfA1 = 1.13864154151050156e02f, ErfA2 = 3.77485237685302021e02f;
    internal const float ErfA3 = 3.20937758913846947e03f, ErfA4 = 1.85777706184603153e-1f;
    internal const float ErfB0 = 2.36012909523441209e01f, ErfB1 = 2.44024637934444173e02f, ErfB2 = 1.28261652607737228e03f;
    internal const float ErfB3 = 2.84423683343917062e03f;
    internal const float ErfC0 = 5.64188496988670089e-1f, ErfC1 = 8.88314979438837594e00f, ErfC2 = 6.61191906371416295e01f;
    internal const float ErfC3 = 2.98635138197400131e02f, ErfC4 = 8.81952221241769090e02f, ErfC5 = 1.71204761263407058e03f;
    internal const float ErfC6 = 2.05107837782607147e03f, ErfC7 = 1.23033935479799725e03f, ErfC8 = 2.15311535474403846e-8f;
    internal const float ErfD0 = 1.57449261107098347e01f, ErfD1 = 1.17693950891312499e02f, ErfD2 = 5.37181101862009858e02f;
    internal const float ErfD3 = 1.62138957456669019e03f, ErfD4 = 3.29079923573345963e03f, ErfD5 = 4.36261909014324716e03f;
    internal const float ErfD6 = 3.43936767414372164e03f, ErfD7 = 1.23033935480374942e03f;
    internal const float ErfP0 = 3.05326634961232344e-1f, ErfP1 = 3.60344899949804439e-1f, ErfP2 = 1.25781726111229246e-1f;
    internal const float ErfP3 = 1.60837851487422766e-2f, ErfP4 = 6.58749161529837803e-4f, ErfP5 = 1.63153871373020978e-2f;
    internal const float ErfQ0 = 2.56852019228982242e00f, ErfQ1 = 1.87295284992346725e00f, ErfQ2 = 5.27905102951428412e-1f;
    internal const float ErfQ3 = 6.05183413124413191e-2f, ErfQ4 = 2.33520497626869185e-3f;
}
