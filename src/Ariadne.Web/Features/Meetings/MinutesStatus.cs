namespace Ariadne.Web.Features.Meetings;

/// <summary>A version of the minutes: a draft the office may still edit, or approved by the Coordinator and read-only.</summary>
public enum MinutesStatus { Draft = 1, Approved = 2 }
