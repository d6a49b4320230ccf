using System.Numerics;
using HyperBus.Samplers.Sobol;

namespace HyperBus.Samplers.Tests.Sobol;

/// <summary>
/// The direction-number table checked against outside references: SciPy's unscrambled points, the published
/// new-joe-kuo-6.21201 rows, and the properties every row of that table has. Corrupting a row used to pass.
/// </summary>
public sealed class SobolReferenceTests
{
    /// <summary>scipy.stats.qmc.Sobol(d=3, scramble=False).random(8): the first two columns are SciPy's documented example.</summary>
    private static readonly double[][] SciPyPoints =
    [
        [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
        [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
    ];

    /// <summary>new-joe-kuo-6.21201, dimensions 2 to 16, as published: s, a, then m_1..m_s.</summary>
    private static readonly int[][] Published =
    [
        [1, 0, 1], [2, 1, 1, 3], [3, 1, 1, 3, 1], [3, 2, 1, 1, 1], [4, 1, 1, 1, 3, 3], [4, 4, 1, 3, 5, 13],
        [5, 2, 1, 1, 5, 5, 17], [5, 4, 1, 1, 5, 5, 5], [5, 7, 1, 1, 7, 11, 19], [5, 11, 1, 1, 5, 1, 1],
        [5, 13, 1, 1, 1, 3, 11], [5, 14, 1, 3, 5, 5, 31], [6, 1, 1, 3, 3, 9, 7, 49], [6, 13, 1, 1, 1, 15, 21, 21],
        [6, 16, 1, 3, 1, 13, 27, 49],
    ];

    [Fact]
    public void The_first_points_equal_SciPys_unscrambled_sequence()
    {
        var sequence = new SobolSequence(3, scramble: null);
        for (var i = 0; i < SciPyPoints.Length; i++)
        {
            var point = sequence.Point(i);
            for (var j = 0; j < 3; j++)
            {
                Assert.True(Math.Abs(SciPyPoints[i][j] - point[j]) < 1e-9, $"point {i}, dimension {j + 1}: {point[j]} instead of {SciPyPoints[i][j]}");
            }
        }
    }

    [Fact]
    public void The_rows_of_dimensions_2_to_16_are_the_published_ones()
    {
        for (var d = 0; d < Published.Length; d++)
        {
            var (s, a) = (Published[d][0], Published[d][1]);
            var expected = new[] { (1 << s) | (a << 1) | 1 }.Concat(Published[d][2..]).ToArray();
            Assert.Equal(expected, SobolDirectionNumbers.Rows[d]);
        }
    }

    [Fact]
    public void Every_row_is_a_distinct_primitive_polynomial_with_odd_initial_numbers_below_their_bound()
    {
        var seen = new HashSet<int>();
        var degree = 0;
        for (var d = 0; d < SobolDirectionNumbers.Rows.Length; d++)
        {
            var row = SobolDirectionNumbers.Rows[d];
            var s = BitOperations.Log2((uint)row[0]);
            Assert.True(seen.Add(row[0]), $"dimension {d + 2}: polynomial {row[0]} repeats");
            Assert.True(s >= degree, $"dimension {d + 2}: the table is ordered by degree");
            degree = s;
            Assert.True(IsPrimitive(row[0], s), $"dimension {d + 2}: {row[0]} is not a primitive polynomial of degree {s}");
            Assert.Equal(s, row.Length - 1);
            for (var k = 1; k <= s; k++)
            {
                Assert.True(row[k] % 2 == 1 && row[k] < (1 << k), $"dimension {d + 2}: m_{k} = {row[k]} must be odd and below 2^{k}");
            }
        }
    }

    [Fact]
    public void Each_dimension_puts_one_of_the_first_1024_points_in_each_of_1024_cells()
    {
        var sequence = new SobolSequence(SobolSequence.MaxDimensions, scramble: null);
        var cells = new bool[SobolSequence.MaxDimensions, 1024];
        for (var i = 0; i < 1024; i++)
        {
            var point = sequence.Point(i);
            for (var j = 0; j < point.Length; j++)
            {
                var cell = (int)(point[j] * 1024);
                Assert.False(cells[j, cell], $"dimension {j + 1}: two of the first 1024 points in cell {cell}");
                cells[j, cell] = true;
            }
        }
    }

    /// <summary>Over GF(2), x has order 2^s - 1 modulo the polynomial exactly when the polynomial is primitive.</summary>
    private static bool IsPrimitive(int polynomial, int degree)
    {
        if ((polynomial & 1) == 0)
        {
            return false;
        }

        var order = (1 << degree) - 1;
        var x = 1;
        for (var k = 1; k <= order; k++)
        {
            x <<= 1;
            if ((x & (1 << degree)) != 0)
            {
                x ^= polynomial;
            }

            if (x == 1)
            {
                return k == order;
            }
        }

        return false;
    }
}
