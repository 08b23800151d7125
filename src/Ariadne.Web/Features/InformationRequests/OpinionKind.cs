namespace Ariadne.Web.Features.InformationRequests;

/// <summary>The holding institution's opinion on a request.</summary>
public enum OpinionKind
{
    NoObjection = 1,
    Objection = 2,
}
