using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary><c>/api/v1/shelters</c>: where a bed is free for a need, as shelters and counts. No address, ever.</summary>
public static class SheltersApi
{
    public sealed record ShelterAvailability(Guid Id, string Name, string Ownership, IReadOnlyList<string> Languages, int FreeBeds);

    public static void MapSheltersApi(this RouteGroupBuilder v1) =>
        v1.MapGet("/shelters", FindAsync).RequireAuthorization(AccommodationModule.ReadPolicy).WithName("FindShelterBeds")
            .WithSummary("Shelters with a free bed now for a need (Woman, Man, Child, WomanWithChildren), optionally accessible and by language (ISO 639-1): names and counts, never an address.")
            .ProducesTokenProblems()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<IReadOnlyList<ShelterAvailability>>, ProblemHttpResult>> FindAsync(
        ClaimsPrincipal user, ShelterService shelters, IStringLocalizer<SharedResource> text, BedNeed? need, bool? accessible, string? language, CancellationToken ct)
    {
        var input = new ShelterService.SearchInput { Need = need, Accessible = accessible ?? false, Language = language };
        var errors = shelters.Validate(input);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (await shelters.FindAsync(Viewer.Of(user), roles, input, ct) is not { } found)
            return TypedResults.Problem(title: text["Api_Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        return TypedResults.Ok<IReadOnlyList<ShelterAvailability>>(found.Select(a => new ShelterAvailability(a.ShelterId, a.Name, a.Ownership.ToString(), a.Languages, a.Beds)).ToList());
    }
}
