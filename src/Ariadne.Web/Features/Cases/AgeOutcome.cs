using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>What an age assessment concluded. Uncertain means presumed a child (CoE Convention art. 10(3)).</summary>
public enum AgeOutcome
{
    Adult = 1,
    Child = 2,
    Uncertain = 3,
}
