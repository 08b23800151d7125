using Ariadne.Web.Platform;

var invocation = Invocation.Parse(args);
var builder = WebApplication.CreateBuilder(invocation.HostArgs);
builder.AddAriadne(invocation.Demo);
var app = builder.Build();
app.UseAriadne();
return await invocation.RunAsync(app);

/// <summary>Entry point; public so that the integration tests can host the application.</summary>
public partial class Program;
