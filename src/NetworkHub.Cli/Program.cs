using NetworkHub.Cli;

return await AuditCommands.RunAsync(args, Console.Out, CancellationToken.None);
