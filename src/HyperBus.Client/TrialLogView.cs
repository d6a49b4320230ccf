using System.Collections;
using HyperBus.Core.Trials;

namespace HyperBus;

/// <summary>
/// The first <c>count</c> trials of a <see cref="TrialLog"/> list, read in place: a view the log hands to a sampler or
/// scheduler instead of a copy. Its length is fixed when it is made; trials appended later are not in it.
/// </summary>
internal sealed class TrialLogView(List<Trial> trials, int count) : IReadOnlyList<Trial>
{
    public int Count => count;

    public Trial this[int index] => (uint)index < (uint)count ? trials[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<Trial> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return trials[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
