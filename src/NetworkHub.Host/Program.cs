using NetworkHub.Host.Hosting;

await HubApp.Build(args).RunAsync();

/// <summary>Entry point, visible to specs.</summary>
public partial class Program;
