namespace HyperBus.Reporting.Importance;

/// <summary>A tree leaf as the box of the unit cube it covers and the value it predicts there.</summary>
public sealed record LeafBox(double[] Low, double[] High, double Value)
{
    public double Volume
    {
        get
        {
            var v = 1.0;
            for (var i = 0; i < Low.Length; i++)
            {
                v *= High[i] - Low[i];
            }

            return v;
        }
    }
}
