using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

public enum ConsentForm
{
    Written = 1,
    Verbal = 2,
}
