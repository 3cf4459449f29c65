import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError, AppConfig, CatalogueService, LtiLinksRepository, Mp, User, UsersRepository } from '@wb/common';
import { AuditLog } from '../audit/audit-log';
import { SessionsService } from '../auth/sessions.service';
import { OAuthUsers } from '../oauth/oauth-users';
import { LtiLaunchVerifier } from './lti-launch-verifier';

/** The users LTI launches create are found again by the platform's user_id under this provider name. */
const LTI_PROVIDER = 'lti11';
const LTI_VERSIONS = new Set(['LTI-1p0', 'LTI-1p2']);
/** LTI 1.1 roles (short or URN form) that teach the course: they get the staff tools here. */
const TEACHING_ROLE = /^(urn:lti:(inst)?role:ims\/lis\/)?(Instructor|TeachingAssistant)(\/.*)?$/;

/**
 * An LTI 1.1 basic launch from the course platform (Coursera, an LMS): the student is signed in
 * (created on the first launch, found by the platform's user_id afterwards) and sent to the lab
 * the link names in its custom parameter `mp`. A launch that can be graded names where the
 * grade goes (lis_outcome_service_url, lis_result_sourcedid); that is kept per student and lab
 * for the passback, the latest launch winning. The instructors and teaching assistants (its
 * `roles`) of the courses named in LTI11_STAFF_CONTEXTS become staff here, which the audit log
 * records; one of any other course, sharing the consumer key or not, is a student here. Nobody is
 * ever demoted by a launch, nor made admin.
 */
@Injectable()
export class LtiLaunchService {
  private readonly logger = new Logger(LtiLaunchService.name);

  constructor(
    private readonly verifier: LtiLaunchVerifier,
    private readonly users: OAuthUsers,
    private readonly catalogue: CatalogueService,
    private readonly accounts: UsersRepository,
    private readonly links: LtiLinksRepository,
    private readonly audit: AuditLog,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  async launch(params: Record<string, string>, url: string): Promise<{ user: User; mp: Mp }> {
    await this.verifier.verify(params, url);
    const bad = (why: string) => new ApiError(HttpStatus.BAD_REQUEST, why);
    if (params.lti_message_type !== 'basic-lti-launch-request') throw bad('lti_message_type must be basic-lti-launch-request');
    if (!LTI_VERSIONS.has(params.lti_version)) throw bad('lti_version must be LTI-1p0');
    if (!params.user_id)
      throw bad('user_id is missing: the course platform must say who the student is (anonymous launches cannot be graded)');
    const mpId = params.custom_mp;
    if (!mpId) throw bad('the link names no lab: give it the custom parameter mp=<lab id>, for example mp=vector-add');
    const mp = this.catalogue.find(mpId);
    if (!mp) throw new ApiError(HttpStatus.NOT_FOUND, `there is no lab "${mpId}": check the link's custom parameter mp`);

    const user = await this.users.findOrCreate({
      provider: LTI_PROVIDER,
      subject: params.user_id,
      nameHint: params.ext_user_username || params.lis_person_contact_email_primary || params.lis_person_name_full,
    });
    const teaches = (params.roles ?? '').split(',').some((role) => TEACHING_ROLE.test(role.trim()));
    if (teaches && user.role === 'student') await this.grantStaff(user, params.context_id);
    const outcomeUrl = params.lis_outcome_service_url;
    const sourcedid = params.lis_result_sourcedid;
    // An instructor's launch, or an ungraded link, names no result: nothing to record.
    if (outcomeUrl && sourcedid) {
      if (!/^https?:\/\//i.test(outcomeUrl)) throw bad('lis_outcome_service_url must be an http(s) URL');
      await this.links.upsertLatest({ userId: user.id, mpId, outcomeUrl, sourcedid });
    }
    return { user, mp };
  }

  /** Staff rights for a teacher of a course this platform serves, and only for such a one. */
  private async grantStaff(user: User, context: string | undefined): Promise<void> {
    const courses = (this.config.LTI11_STAFF_CONTEXTS ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!context || !courses.includes(context)) {
      this.logger.warn(
        `a teacher's launch from course context "${context ?? '(none)'}" signed ${user.username} in as a student: ` +
          `only LTI11_STAFF_CONTEXTS (${courses.join(', ') || 'none set'}) make staff`,
      );
      return;
    }
    const changed = await this.accounts.promoteToStaff(user.id);
    user.role = 'staff';
    if (!changed) return;
    await this.sessions.forgetCachedUser(user.id); // the teacher's other sessions see the role at their next request
    await this.audit.record(user, 'role.staff', user.id, `LTI launch as a teacher of course context "${context}"`);
  }
}
