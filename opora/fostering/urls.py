from django.urls import path

from opora.fostering.views import adopters, candidates, placements, steps

app_name = "fostering"
_CANDIDATE = "candidates/<int:candidate_id>/"
_PLACEMENT = "placements/<int:placement_id>/"
_ADOPTER = "adopters/<int:adopter_id>/"

urlpatterns = [
    # Foster-care candidates: enquiry → application → assessment → training → report → Commission
    path("", candidates.candidate_list, name="candidates"),
    path("candidates/new/", candidates.new_candidate, name="new_candidate"),
    path(_CANDIDATE, candidates.candidate_detail, name="candidate"),
    path(_CANDIDATE + "edit/", candidates.edit_candidate, name="edit_candidate"),
    path(_CANDIDATE + "members/add/", candidates.add_member, name="add_member"),
    path(_CANDIDATE + "application/", steps.register_application, name="register_application"),
    path(_CANDIDATE + "stage/", steps.change_status, name="change_status"),
    path(_CANDIDATE + "extend/", steps.extend_assessment, name="extend_assessment"),
    path(_CANDIDATE + "contacts/add/", steps.add_contact, name="add_contact"),
    path(_CANDIDATE + "referees/add/", steps.add_referee, name="add_referee"),
    path(_CANDIDATE + "referees/reference/", steps.record_reference, name="record_reference"),
    path(_CANDIDATE + "report/", steps.write_report, name="write_report"),
    path(_CANDIDATE + "report/signed/", steps.sign_report, name="sign_report"),
    path(_CANDIDATE + "decision/", steps.record_decision, name="record_decision"),
    path(_CANDIDATE + "remove/", steps.remove, name="remove"),
    path(_CANDIDATE + "placements/add/", steps.add_placement, name="add_placement"),
    # Approved families: the register, placements and their reviews
    path("register/", candidates.register, name="register"),
    path(_PLACEMENT, placements.placement_detail, name="placement"),
    path(_PLACEMENT + "review/", placements.review, name="review_placement"),
    path(_PLACEMENT + "end/", placements.end, name="end_placement"),
    # Prospective adopters referred by the ДСП
    path("adopters/", adopters.adopter_list, name="adopters"),
    path("adopters/new/", adopters.new_adopter, name="new_adopter"),
    path(_ADOPTER, adopters.adopter_detail, name="adopter"),
    path(_ADOPTER + "edit/", adopters.edit_adopter, name="edit_adopter"),
    path(_ADOPTER + "members/add/", adopters.add_adopter_member, name="add_adopter_member"),
    path(_ADOPTER + "stage/", adopters.change_status, name="change_adopter_status"),
    path(_ADOPTER + "contacts/add/", adopters.add_contact, name="add_adopter_contact"),
    # The centre's foster-care values
    path("settings/", candidates.fostering_settings, name="settings"),
]
