namespace Ariadne.Web.Features.Cases;

/// <summary>How a task on the case stands (GOV.UK task list statuses).</summary>
public enum CaseTaskState
{
    /// <summary>To do now.</summary>
    NotStarted,
    /// <summary>Done; nothing more is needed unless things change.</summary>
    Completed,
    /// <summary>Done by us, waiting for someone else (an onward referral not yet answered).</summary>
    Waiting,
    /// <summary>Needs an earlier task first.</summary>
    CannotStartYet,
}
