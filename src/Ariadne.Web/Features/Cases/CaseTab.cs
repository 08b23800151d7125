namespace Ariadne.Web.Features.Cases;

/// <summary>The entries of the case workspace's sub-navigation.</summary>
public enum CaseTab
{
    Overview,
    Person,
    Identification,
    Protection,
    Risk,
    Accommodation,
    Services,
    Reintegration,
    Access,
    History,
}
