using System.Numerics;

namespace HyperBus.Samplers.Sobol;

/// <summary>A scrambled Sobol' sequence: point i in [0, 1)^d, computed directly from i.</summary>
/// <remarks>
/// Direct computation (Gray-code order: point i XORs the direction numbers of the bits of i ^ (i >> 1))
/// means a sampler needs no state: the trial number is the point index, so a restart resumes exactly.
/// Scrambling is a random linear matrix scramble plus a random digital shift, both from the seed
/// (Matoušek's scheme, as in SciPy): it keeps the net property and removes the all-zero first point and
/// the correlation between dimensions that plain Sobol' shows.
/// </remarks>
public sealed class SobolSequence
{
    private const int Bits = 32;

    private readonly uint[][] _directions;
    private readonly uint[] _shift;

    public SobolSequence(int dimensions, System.Random? scramble)
    {
        if (dimensions > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), $"at most {MaxDimensions} dimensions");
        }

        Dimensions = dimensions;
        _directions = new uint[dimensions][];
        _shift = new uint[dimensions];
        for (var j = 0; j < dimensions; j++)
        {
            var v = Directions(j);
            if (scramble is not null)
            {
                v = MatrixScramble(v, scramble);
                _shift[j] = (uint)scramble.NextInt64(0, 1L << Bits);
            }

            _directions[j] = v;
        }
    }

    public static int MaxDimensions => SobolDirectionNumbers.Rows.Length + 1;

    public int Dimensions { get; }

    /// <summary>The point with index <paramref name="index"/> (0, 1, 2, ...).</summary>
    public double[] Point(long index)
    {
        var gray = (ulong)index ^ ((ulong)index >> 1);
        var result = new double[Dimensions];
        for (var j = 0; j < Dimensions; j++)
        {
            var x = _shift[j];
            var g = gray;
            for (var k = 0; g != 0 && k < Bits; k++, g >>= 1)
            {
                if ((g & 1) != 0)
                {
                    x ^= _directions[j][k];
                }
            }

            // The half-ulp offset keeps points off the exact boundary 0.
            result[j] = (x + 0.5) / 4294967296.0;
        }

        return result;
    }

    private static uint[] Directions(int dimension)
    {
        var v = new uint[Bits];
        if (dimension == 0)
        {
            for (var k = 0; k < Bits; k++)
            {
                v[k] = 1u << (Bits - 1 - k);
            }

            return v;
        }

        var row = SobolDirectionNumbers.Rows[dimension - 1];
        var poly = row[0];
        var s = BitOperations.Log2((uint)poly);
        var m = new uint[Bits];
        for (var k = 0; k < s; k++)
        {
            m[k] = (uint)row[k + 1];
        }

        // m_k = 2 a_1 m_{k-1} ^ 4 a_2 m_{k-2} ^ ... ^ 2^s m_{k-s} ^ m_{k-s} (Bratley and Fox).
        for (var k = s; k < Bits; k++)
        {
            var value = m[k - s] ^ (m[k - s] << s);
            for (var i = 1; i < s; i++)
            {
                if (((poly >> (s - i)) & 1) != 0)
                {
                    value ^= m[k - i] << i;
                }
            }

            m[k] = value;
        }

        for (var k = 0; k < Bits; k++)
        {
            v[k] = m[k] << (Bits - 1 - k);
        }

        return v;
    }

    private static uint[] MatrixScramble(uint[] v, System.Random random)
    {
        // Row j of a random lower-triangular binary matrix with unit diagonal, over digits counted from
        // the most significant bit: digit j becomes itself XOR a random subset of the digits above it.
        var rows = new uint[Bits];
        for (var j = 0; j < Bits; j++)
        {
            var above = j == 0 ? 0u : (uint)random.NextInt64(0, 1L << j) << (Bits - j);
            rows[j] = above | (1u << (Bits - 1 - j));
        }

        var result = new uint[Bits];
        for (var k = 0; k < Bits; k++)
        {
            uint scrambled = 0;
            for (var j = 0; j < Bits; j++)
            {
                if ((BitOperations.PopCount(rows[j] & v[k]) & 1) != 0)
                {
                    scrambled |= 1u << (Bits - 1 - j);
                }
            }

            result[k] = scrambled;
        }

        return result;
    }
}
