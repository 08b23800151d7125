namespace Ariadne.Web.Platform.Statistics;

/// <summary>
/// A table the statistics can release: facts of one subject (optionally of some stages or categories only), counted by
/// a row and a column dimension. Each module declares its own (<see cref="IStatisticsSource.Tables"/>).
/// </summary>
/// <param name="Code">Stable and unique, e.g. "victims.sex-age" (the API's and the register's name for it).</param>
/// <param name="TitleKey">Resource key of its title.</param>
/// <param name="Threshold">Primary suppression: a count from 1 to Threshold − 1 is not published.</param>
/// <param name="Stages">When given, only facts in these stages are counted.</param>
/// <param name="Categories">When given, only facts in these categories are counted.</param>
/// <param name="Greta">The GRETA questionnaire's table this answers, when it does.</param>
/// <param name="Tip">The US TIP report's data point this answers, when it does.</param>
/// <param name="Sum">When true the cells add <see cref="StatFact.Amount"/> (e.g. months of sentences, AZN) instead of counting facts.</param>
public sealed record StatTable(
    string Code, string TitleKey, StatTopic Topic, StatSubject Subject, StatDimension Rows, StatDimension Columns,
    int Threshold = 3, IReadOnlyList<string>? Stages = null, IReadOnlyList<string>? Categories = null,
    string? Greta = null, string? Tip = null, bool Sum = false);
