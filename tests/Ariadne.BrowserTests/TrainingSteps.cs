using Ariadne.Web.Features.Training;
using Ariadne.Web.Platform.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.BrowserTests;

/// <summary>Training set up through the real service, for tests whose subject is elsewhere (the training screens have their own journey).</summary>
public static class TrainingSteps
{
    /// <summary>Records an external certificate of the topic for the user, as a Coordinator would in the training module.</summary>
    public static async Task CertifyAsync(this BrowserApp app, string userName, TrainingTopic topic, string course)
    {
        var (coordinatorName, _) = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator], withAuthenticator: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AriadneUser>>();
        var coordinator = await users.FindByNameAsync(coordinatorName);
        var holder = await users.FindByNameAsync(userName);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var (_, errors) = await scope.ServiceProvider.GetRequiredService<Trainings>().AddExternalAsync(new Viewer(coordinator!.Id, coordinator.InstitutionId, []),
            [RoleCatalog.Coordinator], new Trainings.ExternalInput
            {
                UserId = holder!.Id,
                Topic = topic,
                CourseTitle = course,
                IssuingBody = "IOM",
                Number = "IOM-1",
                Reference = "MK-ARXIV/1",
                IssuedOn = today.AddDays(-30),
                ExpiresOn = today.AddYears(2),
            });
        Assert.Empty(errors!);
    }
}
