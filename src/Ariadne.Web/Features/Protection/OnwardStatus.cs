using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

public enum OnwardStatus
{
    Pending = 1,
    Accepted = 2,
    Declined = 3,
    Completed = 4,
    Withdrawn = 5,
}
