using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>How the age was assessed.</summary>
public enum AgeMethod
{
    Documents = 1,
    Interview = 2,
    Medical = 3,
    Multidisciplinary = 4,
}
