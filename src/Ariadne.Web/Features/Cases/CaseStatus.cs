using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>HTCDS case status (cas_).</summary>
public enum CaseStatus
{
    Active = 1,
    FollowUp = 2,
    Closed = 3,
    ClosedReferred = 4,
}
