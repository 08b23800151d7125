namespace Ariadne.Web.Platform.Api;

/// <summary>
/// The problems the pipeline answers around an API handler, declared on its endpoints so that the
/// OpenAPI document lists them beside the handler's own results. The API is not rate-limited (only
/// sign-in is), so no 429.
/// </summary>
public static class ApiResponses
{
    /// <summary>
    /// 401 from <see cref="ApiTokenHandler"/> when the token is missing, unknown, expired or revoked; 403 when
    /// the endpoint's policy wants a scope or role the token does not carry.
    /// </summary>
    public static TBuilder ProducesTokenProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>
    /// The body refused before the handler runs: 400 when <see cref="ApiProblems.BadRequestHandler"/> cannot read
    /// it (its <c>errors</c> keyed by the JSON field), 413 over the size limit, 415 when it is not JSON.
    /// </summary>
    public static TBuilder ProducesBodyProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
