using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkHub.Core.Ingress;
using NetworkHub.Core.Persistence;
using NetworkHub.Core.Privacy;
using NetworkHub.Core.Registry;
using NetworkHub.Core.Routing;
using NetworkHub.Core.Time;
using NetworkHub.Core.Timelines;
using NetworkHub.Core.Workflows;

namespace NetworkHub.Core.Hosting;

public static class HubRoutingServices
{
    /// <summary>
    /// What deciding on a message takes: the database, the registry, the privacy policy, the workflows, the router and the
    /// ingress pipeline, and the quarantine's replay. The hub adds its transport and background work; the operator tool
    /// replays with these alone (recording only: the hub's outbox sweeper sends). The host binds the calendar and deadline
    /// settings, supplies a <see cref="TimeProvider"/>, and loads the registry before the first message.
    /// </summary>
    public static IServiceCollection AddHubRouting(this IServiceCollection services, HubOptions options, Pseudonymizer pseudonymizer)
    {
        services.AddWorkingDayCalendar();
        services.AddDbContext<HubDbContext>(db => db.UseHubDatabase(options));
        services.AddSingleton<OrganisationRegistry>();
        services.AddSingleton<IDeadlineCalendar, DeadlineCalendar>();
        services.AddSingleton(pseudonymizer);
        services.AddSingleton(sp => new PrivacyPolicy(PolicyTable.Default, sp.GetRequiredService<Pseudonymizer>()));
        services.AddSingleton<RecipientProjector>();
        services.AddSingleton<PrivacyGate>();
        services.AddScoped<ConsentStore>();
        services.AddScoped<AccessLogStore>();
        services.AddScoped<TimelineReader>();
        services.AddScoped<SubjectKeyAliases>();
        services.AddScoped<ConsentDesk>();
        services.AddScoped<HandOffLedger>();
        services.AddScoped<HandOverWorkflow>();
        services.AddScoped<SignalIndex>();
        services.AddScoped<RegieWorkflow>();
        services.AddScoped<FamilyInvolvement>();
        services.AddScoped<MdoWorkflow>();
        services.AddScoped<CaseClosure>();
        services.AddScoped<EscalationWorkflow>();
        services.AddScoped<EvaluationWorkflow>();
        services.AddScoped<SafetyConcernWatch>();
        services.AddScoped<WorkflowSet>();
        services.AddSingleton<Disclosures>();
        services.AddScoped<HandOffRouter>();
        services.AddScoped<RawInputQuarantine>();
        services.AddSingleton(new IngressLimits(options.MaxMessageBytes));
        services.AddSingleton<IngressPipeline>();
        services.AddScoped<QuarantineReplay>();
        return services;
    }
}
