using NetworkHub.Cli;

return await NetworkHubCommand.RunAsync(args, Console.Out, CancellationToken.None);
