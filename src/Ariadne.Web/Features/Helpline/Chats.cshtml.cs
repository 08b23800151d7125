using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The operator's chat console: the waiting queue (live through <c>/helpline/chats/stream</c>, or by refreshing), taking a chat
/// (which opens a web-chat contact), the conversation and the reply. Works without script (forms and links); with script the
/// same handlers answer JSON. The helpline's staff only; anyone else is refused and the refusal audited.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ChatsModel(ChatService chats) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }

    public IReadOnlyList<ChatService.QueueRow> Queue { get; private set; } = [];
    public IReadOnlyList<Guid> Mine { get; private set; } = [];
    public ChatService.OperatorView? Current { get; private set; }
    public string? Error { get; private set; }

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    public async Task<IActionResult> OnGetAsync()
    {
        var queue = await chats.WaitingAsync(Viewer.Of(User), Roles);
        if (queue is null)
            return Forbid();
        Queue = queue;
        Mine = await chats.MineAsync(Viewer.Of(User), Roles);
        if (Id is { } id)
        {
            Current = await chats.ReadAsync(Viewer.Of(User), Roles, id, 0);
            if (Current is null)
                return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnGetQueueAsync() =>
        await chats.WaitingAsync(Viewer.Of(User), Roles) is { } queue ? new JsonResult(queue) : Forbid();

    public async Task<IActionResult> OnGetMessagesAsync(Guid id, int after) =>
        await chats.ReadAsync(Viewer.Of(User), Roles, id, Math.Max(0, after)) is { } view ? new JsonResult(view) : NotFound();

    public async Task<IActionResult> OnPostTakeAsync(Guid id)
    {
        var view = await chats.TakeAsync(Viewer.Of(User), Roles, id);
        if (view is null)
        {
            if (WantsJson)
                return new ConflictResult();
            TempData["Notice"] = "Chat_AlreadyTaken";
            return RedirectToPage();
        }
        return WantsJson ? new JsonResult(view) : RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid id, string? text, string? clientMessageId)
    {
        var result = await chats.ReplyAsync(Viewer.Of(User), Roles, id, clientMessageId ?? Guid.NewGuid().ToString("N"), text);
        if (result.Status == ChatService.SendStatus.NotFound)
            return NotFound();
        if (WantsJson)
            return result.Status == ChatService.SendStatus.Sent ? new JsonResult(new { seq = result.Seq }) : BadRequest(new { error = result.Error });
        if (result.Status != ChatService.SendStatus.Sent)
        {
            Error = result.Error;
            Id = id;
            return await OnGetAsync();
        }
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id)
    {
        if (!await chats.EndAsync(Viewer.Of(User), Roles, id))
            return NotFound();
        return WantsJson ? new NoContentResult() : RedirectToPage();
    }
}
