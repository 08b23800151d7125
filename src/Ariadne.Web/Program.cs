using Ariadne.Web.Platform;

var invocation = Invocation.Parse(args);
if (invocation.Verb == "linkage")
    return await Ariadne.Linkage.LinkageCommand.RunAsync(invocation.VerbArgs, Console.Out, Console.Error); // needs no database or key ring
if (invocation.Demo && invocation.Verb is null)
    Console.Out.WriteLine("Ariadne demo: starting (configuration, services) …");
var builder = WebApplication.CreateBuilder(invocation.HostArgs);
builder.AddAriadne(invocation.Demo, Ariadne.Web.AriadneModules.All);
var app = builder.Build();
Ariadne.Web.Platform.Logging.LastResortLogging.Register(app.Services.GetRequiredService<ILoggerFactory>());
app.UseAriadne();
return await invocation.RunAsync(app);

/// <summary>Entry point; public so that the integration tests can host the application.</summary>
public partial class Program;
