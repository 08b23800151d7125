namespace Ariadne.Web.Platform.Statistics;

/// <summary>Which dashboard and which part of the annual report a table belongs to.</summary>
public enum StatTopic
{
    Victims = 1,
    Referrals = 2,
    Shelters = 3,
    Helpline = 4,
    Justice = 5,
    Compensation = 6,
    TrainingAndResources = 7,
}
