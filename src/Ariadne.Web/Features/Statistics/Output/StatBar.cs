using Ariadne.Web.Platform.Statistics;

namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>One bar of a chart: the code and words of its category and the published value (null: suppressed, drawn as a gap).</summary>
public sealed record StatBar(StatDimension Dimension, string Code, string Label, int? Value);
