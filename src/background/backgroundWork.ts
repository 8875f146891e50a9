// Work the server does on its own, on timers: delivering the outbox, issuing the certificates
// of completed enrollments, sending training records to SIASN, turning Zoom's join/leave
// events into attendance, and running the nudge rule
// over every tenant's cohorts running today. Each loop never overlaps itself, logs what
// fails, and stops when the server shuts down. All are safe with several instances: the
// outbox, the certificate queue and SIASN records are claimed row by row, and a nudge is
// recorded once per learner and day.
import type { AppServices } from '../appServices.js';
import type { Actor } from '../domain/access/actor.js';
import { createCohortAnalytics } from '../domain/analytics/cohortAnalytics.js';
import { runNudges } from '../domain/nudges/runNudges.js';
import { issueDueCertificates } from '../domain/certificates/issueCertificate.js';
import { deliverDueMessages } from '../domain/outbox/deliverOutbox.js';
import { createProgramRepository } from '../domain/programs/programRepository.js';
import { sendDueSiasnRecords } from '../domain/siasn/sendSiasnRecords.js';
import { processMeetingEvents } from '../domain/meetings/processMeetingEvents.js';

/** Every tenant, a keyset page at a time. */
async function* everyTenant(services: AppServices) {
  let after: string | undefined;
  do {
    const page = await services.tenantDirectory.list({ limit: 100, ...(after ? { after } : {}) });
    yield* page.items;
    after = page.nextCursor;
  } while (after !== undefined);
}

export interface BackgroundWork {
  stop(): Promise<void>;
}

export function startBackgroundWork(services: AppServices): BackgroundWork {
  const { config, database, logger } = services;
  const loops: { timer: NodeJS.Timeout; running?: Promise<unknown> }[] = [];

  const every = (ms: number, name: string, work: () => Promise<unknown>) => {
    if (ms <= 0) return;
    const loop: (typeof loops)[number] = {
      timer: setInterval(() => {
        if (loop.running !== undefined) return;
        loop.running = work()
          .catch((error: unknown) => logger.error({ err: error }, `${name} failed`))
          .finally(() => {
            loop.running = undefined;
          });
      }, ms),
    };
    loop.timer.unref();
    loops.push(loop);
  };

  every(config.outbox.pollSeconds * 1000, 'outbox delivery', async () => {
    // Keep going while whole batches were due.
    while (
      (await deliverDueMessages(database.db, { serverKey: config.outbox.webhookKey, logger })) >= 50
    );
  });

  every(config.outbox.pollSeconds * 1000, 'certificate issuing', async () => {
    while ((await issueDueCertificates(database.db, services.certificateIssuing)) >= 50);
  });

  every(config.outbox.pollSeconds * 1000, 'meeting attendance', async () => {
    // Keep going while whole batches were due.
    while ((await processMeetingEvents(database.db, { limit: 100, logger })) >= 100);
  });

  every(config.siasn.pollSeconds * 1000, 'SIASN sync', async () => {
    const options = {
      secretsKey: config.secretsKey,
      maxAttempts: config.siasn.maxAttempts,
      timeoutMs: config.siasn.timeoutSeconds * 1000,
      limit: 50,
      logger,
    };
    // Keep going while whole batches were due.
    while ((await sendDueSiasnRecords(database.db, options)).claimed >= options.limit);
  });

  every(config.outbox.nudgeIntervalMinutes * 60_000, 'nudge rule', async () => {
    for await (const tenant of everyTenant(services)) {
      const actor: Actor = { tenantId: tenant.id, subject: 'jejak:nudges', roles: ['ADMIN'] };
      const programs = createProgramRepository(database.db, actor);
      const nudged = await runNudges(
        database.db,
        actor,
        createCohortAnalytics(database.db, actor, programs),
        programs,
      );
      if (nudged > 0) logger.info({ tenant: tenant.slug, nudged }, 'nudges written to the outbox');
    }
  });

  return {
    async stop() {
      for (const loop of loops) clearInterval(loop.timer);
      await Promise.all(loops.map((loop) => loop.running));
    },
  };
}
