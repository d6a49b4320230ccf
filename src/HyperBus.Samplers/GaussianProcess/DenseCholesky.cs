namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Cholesky factorisation and triangular solves on row-major n x n arrays.</summary>
/// <remarks>Hand-written rather than MathNet's because the GP refactors small matrices hundreds of times per suggestion, and flat arrays avoid the allocation and bounds-check overhead.</remarks>
internal static class DenseCholesky
{
    /// <summary>Overwrites the lower triangle of <paramref name="a"/> with L (A = L Lᵀ); false when A is not positive definite.</summary>
    public static bool Factor(double[] a, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var rowJ = a.AsSpan(j * n, j);
            var d = a[(j * n) + j] - Dot(rowJ, rowJ);
            if (!(d > 0))
            {
                return false;
            }

            var ljj = Math.Sqrt(d);
            a[(j * n) + j] = ljj;
            for (var i = j + 1; i < n; i++)
            {
                a[(i * n) + j] = (a[(i * n) + j] - Dot(a.AsSpan(i * n, j), rowJ)) / ljj;
            }
        }

        return true;
    }

    /// <summary>Solves L x = b in place.</summary>
    public static void SolveLower(double[] l, int n, Span<double> b)
    {
        for (var i = 0; i < n; i++)
        {
            b[i] = (b[i] - Dot(l.AsSpan(i * n, i), b[..i])) / l[(i * n) + i];
        }
    }

    /// <summary>Solves Lᵀ x = b in place.</summary>
    public static void SolveUpper(double[] l, int n, Span<double> b)
    {
        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= l[(k * n) + i] * b[k];
            }

            b[i] = s / l[(i * n) + i];
        }
    }

    /// <summary>A⁻¹ from its factor L, as a full row-major matrix.</summary>
    public static double[] Inverse(double[] l, int n)
    {
        // M = L⁻¹ by forward substitution on all columns at once (row operations keep memory access
        // contiguous), then A⁻¹ = Mᵀ M accumulated as one rank-1 update per row of M.
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var row = m.AsSpan(i * n, i + 1);
            row[i] = 1;
            for (var k = 0; k < i; k++)
            {
                var lik = l[(i * n) + k];
                if (lik != 0)
                {
                    Axpy(-lik, m.AsSpan(k * n, k + 1), row);
                }
            }

            var inv = 1 / l[(i * n) + i];
            for (var j = 0; j <= i; j++)
            {
                row[j] *= inv;
            }
        }

        var result = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            var mk = m.AsSpan(k * n, k + 1);
            for (var i = 0; i <= k; i++)
            {
                Axpy(mk[i], mk[..(i + 1)], result.AsSpan(i * n, i + 1));
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                result[(j * n) + i] = result[(i * n) + j];
            }
        }

        return result;
    }

    /// <summary>y += a x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var width = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i <= x.Length - width; i += width)
        {
            (new System.Numerics.Vector<double>(y[i..]) + (a * new System.Numerics.Vector<double>(x[i..]))).CopyTo(y[i..]);
        }

        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = System.Numerics.Vector<double>.Zero;
        var width = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(b[i..]);
        }

        var s = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
