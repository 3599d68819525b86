// Identity at check-in: the operations only its screens send (js/identity.js).
export default {
  checkInPhotos: `query CheckInPhotos($id: ID!) { checkInPhotos(checkInId: $id) {
    checkIn { id identity { verdict distance inReview reason photoDeletedAt } }
    checkInPhoto { dataUrl takenAt } intakePhoto { dataUrl takenAt } } }`,
  setIntakePhoto: `mutation SetIntakePhoto($input: SetIntakePhotoInput!) {
    setIntakePhoto(input: $input) { id personId takenAt } }`,
};
